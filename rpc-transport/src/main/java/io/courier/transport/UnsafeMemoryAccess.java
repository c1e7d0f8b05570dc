package io.courier.transport;

import java.util.Map;

/**
 * Keeps Netty and protostuff off {@code sun.misc.Unsafe}'s memory-access methods on Java 24 and
 * later, where the JVM warns on their first use (JEP 471, JEP 498) and will later refuse them.
 * Courier's runnable jars call {@link #avoidOnJava24AndLater()} first thing in {@code main}; an
 * application that embeds Courier may do the same, or pass the same system properties itself.
 *
 * <p>Netty 4.1 and protostuff use {@code Unsafe} unless told otherwise; Netty 4.2 no longer does on
 * Java 24+ unless the command line says {@code --sun-misc-unsafe-memory-access=allow}. This applies
 * that default to both: without {@code Unsafe}, Netty prefers heap buffers and copies them to the
 * socket, and protostuff reads and writes fields by reflection, which costs some throughput and
 * changes nothing else. (Apache Fory, on Java 25, needs no switch: its jar's Java 25 classes avoid
 * {@code Unsafe} once {@code java.lang.invoke} is open to it, which the runnable jars' manifests do.)
 */
public final class UnsafeMemoryAccess {

    /** Each library's switch, read once when the library first loads, and the value that turns {@code Unsafe} off. */
    static final Map<String, String> SWITCHES = Map.of(
            "io.netty.noUnsafe", "true",
            "protostuff.runtime.use_sun_misc_unsafe", "false");

    /** What the JVM makes of {@code --sun-misc-unsafe-memory-access=<value>} (Java 23+). */
    static final String JVM_OPTION = "sun.misc.unsafe.memory.access";

    private UnsafeMemoryAccess() {}

    /**
     * On Java 24 and later, and unless the command line set {@code --sun-misc-unsafe-memory-access}
     * (which then decides), sets each library's switch that the command line left unset. Has an
     * effect only if called before the libraries' first use in this JVM; does nothing on Java 17 to
     * 23, where {@code Unsafe} is used without a warning. Thread-safe.
     */
    public static void avoidOnJava24AndLater() {
        if (!applies(Runtime.version().feature(), System.getProperty(JVM_OPTION))) {
            return;
        }
        SWITCHES.forEach((property, value) -> {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        });
    }

    /** Whether to set the switches, given the Java release and the JVM option's value (or {@code null}). */
    static boolean applies(int javaFeature, String jvmOption) {
        return javaFeature >= 24 && jvmOption == null;
    }
}
