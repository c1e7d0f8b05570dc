package io.courier.bootstrap;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Courier application: the services it exports and the references it holds.
 *
 * <pre>{@code
 * Courier courier = Courier.builder()
 *         .application("shop")
 *         .registry("embedded")
 *         .port(20880)
 *         .scan("com.example.shop")
 *         .start();
 * UserService users = courier.reference(UserService.class);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is graceful and idempotent; unless
 * {@code courier.shutdown.hook=false}, a JVM shutdown hook calls it too.
 */
public final class Courier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final CourierOptions options;
    private final Settings settings;
    private final Environment environment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread shutdownHook;

    private Courier(CourierOptions options, Settings settings, Environment environment) {
        this.options = options;
        this.settings = settings;
        this.environment = environment;
    }

    /** A builder reading this JVM's system properties, environment and class path. */
    public static CourierBuilder builder() {
        return new CourierBuilder(Environment.system());
    }

    /** A builder reading {@code environment} instead of the JVM's; for tests. */
    static CourierBuilder builder(Environment environment) {
        return new CourierBuilder(environment);
    }

    static Courier start(CourierBuilder builder) {
        Environment environment = builder.environment();
        Settings settings = new ConfigLoader(
                        builder.properties(),
                        environment.systemProperties(),
                        environment.variables(),
                        environment.classLoader(),
                        environment.filterNames())
                .load();
        CourierOptions options = CourierOptions.from(settings);
        List<ExportDefinition> exports = plan(builder, settings, options, environment.classLoader());
        Courier courier = new Courier(options, settings, environment);
        if (options.shutdownHook()) {
            courier.registerShutdownHook();
        }
        log.info("Courier application '{}' started with {} exported service(s)", options.application(), exports.size());
        return courier;
    }

    /**
     * Every service to export, resolved and validated before anything starts: scanned classes are
     * instantiated, interfaces determined, keys checked for duplicates and {@code @Reference} fields
     * checked.
     */
    private static List<ExportDefinition> plan(
            CourierBuilder builder, Settings settings, CourierOptions options, ClassLoader classLoader) {
        List<ExportDefinition> definitions = new ArrayList<>();
        for (Class<?> type : ExportScanner.scan(options.scanPackages(), classLoader)) {
            definitions.add(ExportDefinition.of(instantiate(type), null, settings));
        }
        for (CourierBuilder.PendingExport pending : builder.exports()) {
            definitions.add(ExportDefinition.of(pending.implementation(), pending.options(), settings));
        }
        ExportDefinition.checkUnique(definitions);
        for (ExportDefinition definition : definitions) {
            ReferenceFields.of(definition.implementation().getClass());
        }
        return definitions;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException(
                    "@Export on " + type.getName() + ": no constructor without arguments (expected: one, so that"
                            + " scanning can create the service; or export an instance with export(object))");
        } catch (InvocationTargetException e) {
            throw new ConfigurationException("@Export on " + type.getName() + ": its constructor threw " + e.getCause()
                    + " (expected: a constructor that succeeds)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigurationException("@Export on " + type.getName() + ": cannot be created: " + e
                    + " (expected: an accessible class with a constructor without arguments)");
        }
    }

    /** The resolved configuration. */
    public CourierOptions options() {
        return options;
    }

    private void registerShutdownHook() {
        Thread hook = new Thread(this::closeFromHook, "courier-shutdown-" + options.application());
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    private void closeFromHook() {
        shutdownHook = null; // the JVM is already running the hook; removing it now would throw
        close();
    }

    /** Removes the JVM shutdown hook, if one was registered; closing is then up to the caller. */
    public void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down and the hook is running or about to: nothing to remove.
            }
        }
    }

    /** Whether the application was closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops the application gracefully: unregisters its services, lets calls in flight finish (up to
     * {@code courier.shutdown.timeout-millis}), then closes connections and threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        log.info("Courier application '{}' closed", options.application());
    }
}
