package io.courier.test;

import io.courier.api.Reference;
import io.courier.test.internal.JUnitVersions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link CourierTest}.
 *
 * <ul>
 *   <li>first, once per run: the JUnit jars on the class path must be one supported release
 *       ({@link JUnitVersions}); otherwise every test class fails with the versions found and the fix.
 *   <li>{@code beforeAll}: a registry namespace for the class (the embedded registry is shared by the
 *       test run, the namespace is not), and the buffer-leak check starts.
 *   <li>{@code beforeEach}: with {@code @CourierTest(events = true)}, the run's embedded Kafka
 *       ({@link EmbeddedEvents}, started by the first such class); a {@link TestCourier} for the test, kept in the test's
 *       {@link ExtensionContext.Store}; its provider exports every {@link Provide} field of the test
 *       instances, its consumer fills every {@code @Reference} field.
 *   <li>{@code afterEach}: the consumer and the provider are closed; a connection still open to the
 *       provider fails the test.
 *   <li>{@code afterAll}: a Netty buffer leak reported while the class ran fails it.
 * </ul>
 */
public final class CourierExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CourierExtension.class);
    private static final String ROOT = "registryRoot";

    private final BufferLeakCheck bufferLeaks = BufferLeakCheck.create();

    @Override
    public void beforeAll(ExtensionContext context) {
        checkJUnit();
        context.getStore(NAMESPACE).put(ROOT, RegistryNamespaces.forClass(context));
        bufferLeaks.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        checkJUnit();
        String root = context.getStore(NAMESPACE).get(ROOT, String.class);
        if (root == null) {
            // registered on a method or nested class only: the namespace is made on first use
            root = RegistryNamespaces.forClass(context);
        }
        TestCourier courier = new TestCourier(root, context.getDisplayName(), eventServers(context));
        context.getStore(NAMESPACE).put(TestCourier.class, new Closing(courier));
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        List<Object> provided = new ArrayList<>();
        for (Object instance : instances) {
            for (Field field : fields(instance.getClass(), Provide.class)) {
                provided.add(providedValue(field, instance));
            }
        }
        courier.provide(provided);
        for (Object instance : instances) {
            if (!fields(instance.getClass(), Reference.class).isEmpty()) {
                courier.consumer().inject(instance);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Closing closing = context.getStore(NAMESPACE).remove(TestCourier.class, Closing.class);
        if (closing != null) {
            closing.courier().close().ifPresent(leak -> {
                throw new AssertionError(leak);
            });
        }
    }

    /** The run's embedded Kafka if the test class asks for events, else null. */
    private static String eventServers(ExtensionContext context) {
        boolean events = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CourierTest.class)
                .map(CourierTest::events)
                .orElse(false);
        return events ? EmbeddedEvents.bootstrapServers(context) : null;
    }

    private static void checkJUnit() {
        JUnitVersions.problem().ifPresent(problem -> {
            throw new ExtensionConfigurationException(problem);
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        bufferLeaks.afterAll(context);
    }

    /**
     * Resolves a {@link TestCourier}, a {@link TestEvents} (for {@code @CourierTest(events = true)}), and
     * a reference to any interface a {@link Provide} field of the test instance serves (e.g. {@code void
     * finds(UserService users)}).
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestCourier.class
                || type == TestEvents.class
                || (type.isInterface() && providedInterfaces(context).contains(type));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCourier courier = Optional.ofNullable(context.getStore(NAMESPACE).get(TestCourier.class, Closing.class))
                .map(Closing::courier)
                .orElseThrow(() -> new ExtensionConfigurationException(parameter.getParameter()
                        + ": the test's applications exist per test (expected: a parameter of a test or"
                        + " @BeforeEach method)"));
        Class<?> type = parameter.getParameter().getType();
        if (type == TestEvents.class) {
            try {
                return courier.events();
            } catch (IllegalStateException e) {
                throw new ExtensionConfigurationException(parameter.getParameter() + ": " + e.getMessage());
            }
        }
        return type == TestCourier.class ? courier : courier.reference(type);
    }

    private static List<Class<?>> providedInterfaces(ExtensionContext context) {
        List<Class<?>> interfaces = new ArrayList<>();
        for (Object instance : context.getTestInstances()
                .map(instances -> instances.getAllInstances())
                .orElse(List.of())) {
            for (Field field : fields(instance.getClass(), Provide.class)) {
                Object value;
                try {
                    value = providedValue(field, instance);
                } catch (IllegalAccessException | ExtensionConfigurationException e) {
                    continue; // reported by beforeEach, which exports the fields
                }
                interfaces.addAll(List.of(value.getClass().getInterfaces()));
            }
        }
        return interfaces;
    }

    private static Object providedValue(Field field, Object instance) throws IllegalAccessException {
        field.setAccessible(true);
        Object value = field.get(instance);
        if (value == null) {
            throw new ExtensionConfigurationException("@Provide field "
                    + field.getDeclaringClass().getName() + "."
                    + field.getName() + " is null (expected: a MockProvider or a service implementation, set when"
                    + " the test instance is created)");
        }
        return value instanceof MockProvider<?> mock ? mock.implementation() : value;
    }

    private static List<Field> fields(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        List<Field> found = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (field.isAnnotationPresent(annotation) && !Modifier.isStatic(field.getModifiers())) {
                    found.add(field);
                }
            }
        }
        return found;
    }

    /**
     * Closes the test's applications if JUnit discards the store before {@code afterEach} ran. JUnit 5.13
     * and newer close a stored {@link AutoCloseable} (once, even if it is both); older releases close only
     * a {@code CloseableResource}, which 5.13 deprecated.
     */
    @SuppressWarnings("deprecation")
    private record Closing(TestCourier courier) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            courier.close();
        }
    }
}
