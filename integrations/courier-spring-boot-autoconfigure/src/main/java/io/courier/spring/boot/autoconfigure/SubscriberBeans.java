package io.courier.spring.boot.autoconfigure;

import io.courier.api.Export;
import io.courier.api.event.EventBrokers;
import io.courier.bootstrap.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the singleton beans with {@code @Subscribe} methods as Spring finishes each one (after its
 * proxies are applied, so that a handler runs inside the bean's {@code @Transactional} and other
 * advice); {@link CourierLifecycle} subscribes them when the context starts. Beans whose class
 * carries {@link Export} are left out: exporting them subscribes them.
 */
final class SubscriberBeans implements BeanPostProcessor {

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, Object> found = new LinkedHashMap<>();

    SubscriberBeans(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> target = AopUtils.getTargetClass(bean);
        if (!EventBrokers.hasSubscribeMethods(target)
                || AnnotatedElementUtils.hasAnnotation(target, Export.class)
                || !beanFactory.containsBean(beanName)
                || !beanFactory.isSingleton(beanName)) {
            return bean;
        }
        if (!EventBrokers.hasSubscribeMethods(bean.getClass())) {
            throw new ConfigurationException("bean '" + beanName + "' of " + target.getName()
                    + ": its @Subscribe methods are hidden by an interface-based proxy (expected: a class-based"
                    + " proxy, Spring Boot's default spring.aop.proxy-target-class=true)");
        }
        synchronized (found) {
            found.put(beanName, bean);
        }
        return bean;
    }

    /** The subscriber beans found so far, by name. */
    Map<String, Object> beans() {
        synchronized (found) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(found));
        }
    }
}
