package io.courier.observability;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.util.Optional;

/**
 * Whether this JVM already has an OpenTelemetry SDK that Courier must not replace: one the
 * application made global ({@code GlobalOpenTelemetry.set}, as the SDK's autoconfiguration does), or
 * the OpenTelemetry Java agent, whose premain class the JVM puts on the system class path. Spring
 * Boot's tracing needs no check here: Courier's starter hands Spring's instance to the builder, and
 * then no installer is asked.
 */
final class ExistingTelemetry {

    /** The agent's {@code Premain-Class}, present on the system class path when {@code -javaagent} named it. */
    static final String AGENT_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

    private ExistingTelemetry() {}

    /** What already traces this JVM, in words for the log, or empty if nothing does. */
    static Optional<String> find(ClassLoader systemLoader) {
        if (agentAttached(systemLoader)) {
            return Optional.of("the OpenTelemetry Java agent");
        }
        if (GlobalOpenTelemetry.isSet()) {
            return Optional.of("the global OpenTelemetry set by the application");
        }
        return Optional.empty();
    }

    static boolean agentAttached(ClassLoader systemLoader) {
        try {
            systemLoader.loadClass(AGENT_CLASS);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
