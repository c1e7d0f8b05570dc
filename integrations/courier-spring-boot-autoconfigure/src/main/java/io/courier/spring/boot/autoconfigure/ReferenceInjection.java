package io.courier.spring.boot.autoconfigure;

import io.courier.api.Reference;
import io.courier.api.event.EventTopic;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Fills {@link Reference} and {@link EventTopic} fields and setters of every bean before its own
 * initialization, and such constructor and factory-method parameters through {@link
 * ReferenceResolver}. An {@link EventTopic} point gets the application's publisher of its topic
 * ({@link EventPublishers}).
 * Each proxy comes from {@link Courier#reference(Class, Reference, String)}, so one interface with
 * the same attributes is one shared proxy, and each proxy is also registered as a singleton bean
 * ({@code courierReference:<interface>}, then {@code #2}, {@code #3} for other attributes).
 */
final class ReferenceInjection implements InstantiationAwareBeanPostProcessor, BeanFactoryPostProcessor {

    static final String BEAN_NAME_PREFIX = "courierReference:";

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<Class<?>, List<Member>> members = new ConcurrentHashMap<>();
    private final Map<Object, String> registered = new IdentityHashMap<>();
    private volatile Courier courier;

    ReferenceInjection(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) throws BeansException {
        if (factory instanceof DefaultListableBeanFactory listable) {
            listable.setAutowireCandidateResolver(new ReferenceResolver(listable.getAutowireCandidateResolver(), this));
        }
    }

    @Override
    public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName) {
        for (Member member : members.computeIfAbsent(bean.getClass(), ReferenceInjection::annotatedMembers)) {
            if (member instanceof Field field) {
                String where = annotationName(field) + " on field "
                        + field.getDeclaringClass().getName() + "." + field.getName();
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                    throw new ConfigurationException(
                            where + ": the field is static or final (expected: an instance field that is not final)");
                }
                Object value = value(field, ResolvableType.forField(field), where);
                ReflectionUtils.makeAccessible(field);
                ReflectionUtils.setField(field, bean, value);
            } else {
                Method method = (Method) member;
                String where = annotationName(method) + " on method "
                        + method.getDeclaringClass().getName() + "." + method.getName();
                if (method.getParameterCount() != 1 || Modifier.isStatic(method.getModifiers())) {
                    throw new ConfigurationException(where + ": " + method.getParameterCount()
                            + " parameter(s) (expected: an instance setter with one parameter)");
                }
                Object value = value(method, ResolvableType.forMethodParameter(method, 0), where);
                ReflectionUtils.makeAccessible(method);
                ReflectionUtils.invokeMethod(method, bean, value);
            }
        }
        return values;
    }

    /** What the member {@code annotated}, declared as {@code type}, is given. */
    private Object value(AnnotatedElement annotated, ResolvableType type, String where) {
        EventTopic topic = annotated.getAnnotation(EventTopic.class);
        return topic != null
                ? publisher(topic, type, where)
                : reference(type.toClass(), annotated.getAnnotation(Reference.class), where);
    }

    /** The application's publisher for an {@link EventTopic} point declared as {@code type}. */
    Object publisher(EventTopic topic, ResolvableType type, String where) {
        return EventPublishers.publisher(courier(), topic, type, where);
    }

    private static String annotationName(AnnotatedElement annotated) {
        return annotated.isAnnotationPresent(EventTopic.class) ? "@EventTopic" : "@Reference";
    }

    /** The shared proxy for {@code type} with {@code attributes}, registered as a bean the first time. */
    Object reference(Class<?> type, Reference attributes, String where) {
        Object proxy = courier().reference(type, attributes, where);
        synchronized (registered) {
            if (!registered.containsKey(proxy)) {
                String name = BEAN_NAME_PREFIX + type.getName();
                for (int n = 2; beanFactory.containsBean(name); n++) {
                    name = BEAN_NAME_PREFIX + type.getName() + "#" + n;
                }
                registered.put(proxy, name);
                beanFactory.registerSingleton(name, proxy);
            }
        }
        return proxy;
    }

    private Courier courier() {
        Courier current = courier;
        if (current == null) {
            current = beanFactory.getBean(Courier.class);
            courier = current;
        }
        return current;
    }

    /** The {@link Reference} and {@link EventTopic} fields and methods of {@code type} and its superclasses. */
    private static List<Member> annotatedMembers(Class<?> type) {
        List<Member> found = new ArrayList<>();
        ReflectionUtils.doWithFields(type, found::add, ReferenceInjection::injected);
        ReflectionUtils.doWithMethods(type, found::add, method -> injected(method) && !method.isBridge());
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }

    private static boolean injected(AnnotatedElement element) {
        for (Class<? extends Annotation> annotation : List.of(Reference.class, EventTopic.class)) {
            if (element.isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }
}
