package io.courier.transport;

/**
 * Keeps Netty off {@code sun.misc.Unsafe}'s memory-access methods on Java 24 and later, where the
 * JVM warns on their first use (JEP 471, JEP 498) and will later refuse them. Courier's runnable
 * jars call {@link #avoidOnJava24AndLater()} first thing in {@code main}; an application that embeds
 * Courier may do the same, or pass {@code -Dio.netty.noUnsafe=true} itself.
 *
 * <p>Netty 4.1 uses {@code Unsafe} unless told otherwise; Netty 4.2 no longer does on Java 24+ unless
 * the command line says {@code --sun-misc-unsafe-memory-access=allow}. This applies that default to
 * Netty 4.1: without {@code Unsafe}, Netty prefers heap buffers and copies them to the socket, which
 * costs some throughput and changes nothing else.
 *
 * <p>protostuff is moved off {@code Unsafe} too ({@code protostuff.runtime.use_sun_misc_unsafe=false}),
 * but only where {@code java.time} is open to the class path, as Courier's runnable jars open it
 * ({@code Add-Opens} in their manifests): without {@code Unsafe}, protostuff reaches JDK classes'
 * fields by reflection ({@code java.time.ZonedDateTime}'s among them), which fails for a package not
 * opened to it. An application that opens nothing keeps protostuff on {@code Unsafe} and its warning.
 */
public final class UnsafeMemoryAccess {

    /** Netty's switch, read once when its {@code PlatformDependent} class loads. */
    static final String NETTY_NO_UNSAFE = "io.netty.noUnsafe";

    /** protostuff's switch, read once when its {@code RuntimeEnv} class loads. */
    static final String PROTOSTUFF_UNSAFE = "protostuff.runtime.use_sun_misc_unsafe";

    /** What the JVM makes of {@code --sun-misc-unsafe-memory-access=<value>} (Java 23+). */
    static final String JVM_OPTION = "sun.misc.unsafe.memory.access";

    private UnsafeMemoryAccess() {}

    /**
     * On Java 24 and later, sets {@code io.netty.noUnsafe=true}, and protostuff's switch where
     * {@code java.time} is open, unless the command line set them, or set
     * {@code --sun-misc-unsafe-memory-access}, which then decide. Has an effect only if called before
     * Netty's and protostuff's first use in this JVM; does nothing on Java 17 to 23, where
     * {@code Unsafe} is used without a warning. Thread-safe.
     */
    public static void avoidOnJava24AndLater() {
        if (!applies(Runtime.version().feature(), System.getProperty(JVM_OPTION))) {
            return;
        }
        if (System.getProperty(NETTY_NO_UNSAFE) == null) {
            System.setProperty(NETTY_NO_UNSAFE, "true");
        }
        if (System.getProperty(PROTOSTUFF_UNSAFE) == null && javaTimeIsOpen()) {
            System.setProperty(PROTOSTUFF_UNSAFE, "false");
        }
    }

    /** Whether {@code java.time} is open to the class path (protostuff's module, and this one's). */
    static boolean javaTimeIsOpen() {
        return Object.class.getModule().isOpen("java.time", UnsafeMemoryAccess.class.getModule());
    }

    /** Whether to set the switch, given the Java release and the JVM option's value (or {@code null}). */
    static boolean applies(int javaFeature, String jvmOption) {
        return javaFeature >= 24 && jvmOption == null;
    }
}
