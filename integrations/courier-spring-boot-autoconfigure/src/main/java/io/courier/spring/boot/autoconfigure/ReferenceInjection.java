package io.courier.spring.boot.autoconfigure;

import io.courier.api.Reference;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
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
import org.springframework.util.ReflectionUtils;

/**
 * Fills {@link Reference} fields and setters of every bean before its own initialization, and
 * {@link Reference} constructor and factory-method parameters through {@link ReferenceResolver}.
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
                String where =
                        "@Reference on field " + field.getDeclaringClass().getName() + "." + field.getName();
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                    throw new ConfigurationException(
                            where + ": the field is static or final (expected: an instance field that is not final)");
                }
                Object proxy = reference(field.getType(), field.getAnnotation(Reference.class), where);
                ReflectionUtils.makeAccessible(field);
                ReflectionUtils.setField(field, bean, proxy);
            } else {
                Method method = (Method) member;
                String where =
                        "@Reference on method " + method.getDeclaringClass().getName() + "." + method.getName();
                if (method.getParameterCount() != 1 || Modifier.isStatic(method.getModifiers())) {
                    throw new ConfigurationException(where + ": " + method.getParameterCount()
                            + " parameter(s) (expected: an instance setter with one parameter, the service interface)");
                }
                Object proxy = reference(method.getParameterTypes()[0], method.getAnnotation(Reference.class), where);
                ReflectionUtils.makeAccessible(method);
                ReflectionUtils.invokeMethod(method, bean, proxy);
            }
        }
        return values;
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

    /** The {@link Reference} fields and methods of {@code type} and its superclasses. */
    private static List<Member> annotatedMembers(Class<?> type) {
        List<Member> found = new ArrayList<>();
        ReflectionUtils.doWithFields(type, found::add, field -> field.isAnnotationPresent(Reference.class));
        ReflectionUtils.doWithMethods(
                type, found::add, method -> method.isAnnotationPresent(Reference.class) && !method.isBridge());
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }
}
