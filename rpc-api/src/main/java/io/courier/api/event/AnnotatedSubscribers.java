package io.courier.api.event;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns the {@link Subscribe} methods of a bean into subscriptions. */
final class AnnotatedSubscribers {

    private AnnotatedSubscribers() {}

    static List<Subscription> subscribe(EventBroker broker, Object bean) {
        Objects.requireNonNull(bean, "bean");
        List<Bound<?>> bound = new ArrayList<>();
        for (Method method : bean.getClass().getMethods()) {
            Method annotated = annotated(method);
            if (annotated != null) {
                bound.add(bind(bean, annotated, annotated.getAnnotation(Subscribe.class)));
            }
        }
        List<Subscription> subscriptions = new ArrayList<>(bound.size());
        try {
            for (Bound<?> each : bound) {
                subscriptions.add(each.start(broker));
            }
        } catch (RuntimeException e) {
            subscriptions.forEach(Subscription::close);
            throw e;
        }
        return List.copyOf(subscriptions);
    }

    /** Whether a bean of {@code type} has a method {@link #subscribe} would subscribe. */
    static boolean any(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (annotated(method) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code method} if it carries {@link Subscribe}, else the method it overrides in a superclass
     * that does; null if none. A class-based proxy (Spring's for {@code @Transactional}) overrides a
     * bean's methods without their annotations and generic signatures, so those are read from the
     * annotated method, and calling it on the proxy still runs the override with its advice.
     */
    private static Method annotated(Method method) {
        for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (declared.isAnnotationPresent(Subscribe.class)) {
                    return declared;
                }
            } catch (NoSuchMethodException e) {
                // declared further up only
            }
        }
        return null;
    }

    private static Bound<?> bind(Object bean, Method method, Subscribe subscribe) {
        String where = method.getDeclaringClass().getName() + "." + method.getName();
        if (method.getReturnType() != void.class
                || method.getParameterCount() != 1
                || Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException("@Subscribe method " + where
                    + ": (expected: a public instance method returning void with one parameter, E or Event<E>)");
        }
        Type parameter = method.getGenericParameterTypes()[0];
        boolean envelope = false;
        Type eventType = parameter;
        if (parameter instanceof ParameterizedType generic && generic.getRawType() == Event.class) {
            envelope = true;
            eventType = generic.getActualTypeArguments()[0];
        } else if (parameter == Event.class) {
            eventType = null;
        }
        if (!(eventType instanceof Class<?> type) || type.isPrimitive()) {
            throw new IllegalArgumentException("@Subscribe method " + where + ": parameter " + parameter.getTypeName()
                    + " (expected: a class E, or Event<E> with a class E)");
        }
        return bound(bean, method, subscribe, type, envelope);
    }

    private static <E> Bound<E> bound(Object bean, Method method, Subscribe s, Class<E> type, boolean envelope) {
        SubscriptionOptions.Builder<E> builder = SubscriptionOptions.builder(s.topic(), s.group(), type)
                .concurrency(s.concurrency())
                .maxAttempts(s.maxAttempts())
                .backoff(Duration.ofMillis(s.initialBackoffMillis()), Duration.ofMillis(s.maxBackoffMillis()))
                .startFrom(s.startFrom());
        if (!s.deadLetterTopic().isEmpty()) {
            builder.deadLetterTopic(s.deadLetterTopic());
        }
        SubscriptionOptions<E> options = builder.build();
        EventHandler<E> handler = event -> {
            try {
                method.invoke(bean, envelope ? event : event.payload());
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) cause;
            }
        };
        return new Bound<>(options, handler);
    }

    private record Bound<E>(SubscriptionOptions<E> options, EventHandler<E> handler) {
        Subscription start(EventBroker broker) {
            return broker.subscribe(options, handler);
        }
    }
}
