package io.courier.observability;

import io.courier.filter.tracing.TelemetryInstaller;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The resource every span of the application carries: the SDK's defaults (telemetry.sdk.*) with
 * {@code service.name} = the application's name, and the version, environment and instance set in
 * {@code courier.tracing.*} (semantic-convention names).
 */
final class TelemetryResource {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
    static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
    static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey.stringKey("deployment.environment.name");

    private TelemetryResource() {}

    static Resource of(TelemetryInstaller.Context context) {
        AttributesBuilder attributes = Attributes.builder().put(SERVICE_NAME, context.application());
        putIfSet(attributes, SERVICE_VERSION, context.setting(TracingKeys.SERVICE_VERSION));
        putIfSet(attributes, DEPLOYMENT_ENVIRONMENT, context.setting(TracingKeys.ENVIRONMENT));
        String instance = context.setting(TracingKeys.INSTANCE_ID);
        attributes.put(SERVICE_INSTANCE_ID, instance == null || instance.isBlank() ? processId() : instance);
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    private static void putIfSet(AttributesBuilder attributes, AttributeKey<String> key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
        }
    }

    /** {@code <pid>@<host>}, as the JVM names itself in JMX. */
    private static String processId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }
}
