package io.courier.spring.boot.autoconfigure;

import io.courier.api.Reference;
import io.courier.api.event.EventTopic;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Answers a constructor or factory-method parameter annotated {@link Reference} with its proxy, and
 * one annotated {@link EventTopic} with the application's publisher of that topic,
 * before Spring looks for a bean of that type; every other dependency goes to the resolver that
 * was installed before (Spring's, which handles {@code @Value}, {@code @Qualifier} and {@code @Lazy}).
 */
final class ReferenceResolver implements AutowireCandidateResolver {

    private final AutowireCandidateResolver delegate;
    private final ReferenceInjection injection;

    ReferenceResolver(AutowireCandidateResolver delegate, ReferenceInjection injection) {
        this.delegate = delegate;
        this.injection = injection;
    }

    @Override
    public Object getSuggestedValue(DependencyDescriptor descriptor) {
        MethodParameter parameter = descriptor.getMethodParameter();
        if (parameter != null) {
            Reference attributes = parameter.getParameterAnnotation(Reference.class);
            if (attributes != null) {
                String where = "@Reference on parameter " + parameter.getParameterIndex() + " of "
                        + parameter.getExecutable().toGenericString();
                return injection.reference(parameter.getParameterType(), attributes, where);
            }
            EventTopic topic = parameter.getParameterAnnotation(EventTopic.class);
            if (topic != null) {
                String where = "@EventTopic on parameter " + parameter.getParameterIndex() + " of "
                        + parameter.getExecutable().toGenericString();
                return injection.publisher(topic, ResolvableType.forMethodParameter(parameter), where);
            }
        }
        return delegate.getSuggestedValue(descriptor);
    }

    @Override
    public boolean isAutowireCandidate(BeanDefinitionHolder holder, DependencyDescriptor descriptor) {
        return delegate.isAutowireCandidate(holder, descriptor);
    }

    @Override
    public boolean isRequired(DependencyDescriptor descriptor) {
        return delegate.isRequired(descriptor);
    }

    @Override
    public boolean hasQualifier(DependencyDescriptor descriptor) {
        return delegate.hasQualifier(descriptor);
    }

    @Override
    public String getSuggestedName(DependencyDescriptor descriptor) {
        return delegate.getSuggestedName(descriptor);
    }

    @Override
    public Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor, String beanName) {
        return delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
    }

    @Override
    public Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, String beanName) {
        return delegate.getLazyResolutionProxyClass(descriptor, beanName);
    }

    @Override
    public AutowireCandidateResolver cloneIfNecessary() {
        return new ReferenceResolver(delegate.cloneIfNecessary(), injection);
    }
}
