package io.courier.filter.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads {@link GlobalOpenTelemetry} on whichever OpenTelemetry API the application runs: Spring Boot's
 * parent manages older releases than Courier builds against (Boot 3.4: 1.43, Boot 3.5: 1.49), and
 * {@code GlobalOpenTelemetry.getOrNoop()}, which reads the global without setting it, only exists from
 * 1.57. Before that, {@code get()} is the only reader, and it installs the no-op instance when none
 * was set (so a later {@code GlobalOpenTelemetry.set} fails, as with any instrumentation on those
 * releases).
 */
final class GlobalTelemetry {

    /** {@code getOrNoop()}, or null on an API that predates it; looked up once. */
    private static final MethodHandle GET_OR_NOOP = findGetOrNoop();

    private GlobalTelemetry() {}

    /** The global instance, without installing one where the API allows that. */
    static OpenTelemetry getOrNoop() {
        if (GET_OR_NOOP == null) {
            return GlobalOpenTelemetry.get();
        }
        try {
            return (OpenTelemetry) GET_OR_NOOP.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("GlobalOpenTelemetry.getOrNoop() failed", e);
        }
    }

    private static MethodHandle findGetOrNoop() {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(GlobalOpenTelemetry.class, "getOrNoop", MethodType.methodType(OpenTelemetry.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
