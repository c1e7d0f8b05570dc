package io.courier.transport.internal.executor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual-thread executors without compiling against Java 21: the factory methods are looked up
 * once, at class initialization, and are absent on Java 17.
 */
public final class VirtualThreads {

    private static final MethodHandle NEW_THREAD_PER_TASK_EXECUTOR = lookupThreadPerTaskExecutor();
    private static final MethodHandle VIRTUAL_THREAD_FACTORY = lookupVirtualThreadFactory();

    private VirtualThreads() {}

    /** Whether this JVM has virtual threads (Java 21 or later). */
    public static boolean available() {
        return NEW_THREAD_PER_TASK_EXECUTOR != null && VIRTUAL_THREAD_FACTORY != null;
    }

    /**
     * Fails start-up with a message that says what to change when virtual threads are missing.
     *
     * @throws IllegalStateException naming the running Java version and the alternatives
     */
    public static void check(String what) {
        if (!available()) {
            throw new IllegalStateException(
                    what + ": 'virtual' (expected: Java 21 or later for virtual threads; running " + Runtime.version()
                            + "; use 'pool' or 'direct')");
        }
    }

    /**
     * An executor that starts one virtual thread per task, named {@code prefix} plus a counter.
     *
     * @throws IllegalStateException on a JVM without virtual threads
     */
    public static ExecutorService newExecutor(String prefix) {
        check("executor");
        try {
            ThreadFactory factory = (ThreadFactory) VIRTUAL_THREAD_FACTORY.invoke(prefix);
            return (ExecutorService) NEW_THREAD_PER_TASK_EXECUTOR.invoke(factory);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual-thread executor", e);
        }
    }

    private static MethodHandle lookupThreadPerTaskExecutor() {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(
                            Executors.class,
                            "newThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class, ThreadFactory.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** {@code prefix -> Thread.ofVirtual().name(prefix, 0).factory()} as one handle. */
    private static MethodHandle lookupVirtualThreadFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            MethodHandle ofVirtual = lookup.findStatic(
                    Thread.class,
                    "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            MethodHandle name = lookup.findVirtual(
                    builderType, "name", MethodType.methodType(builderType, String.class, long.class));
            MethodHandle factory =
                    lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
            // (builder, prefix) -> builder.name(prefix, 0L).factory()
            MethodHandle namedFactory =
                    MethodHandles.filterReturnValue(MethodHandles.insertArguments(name, 2, 0L), factory);
            // prefix -> namedFactory(Thread.ofVirtual(), prefix)
            return MethodHandles.foldArguments(namedFactory, ofVirtual.asType(MethodType.methodType(builderType)));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
