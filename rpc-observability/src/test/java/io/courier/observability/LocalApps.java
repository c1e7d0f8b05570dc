package io.courier.observability;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The exporters' tests' applications: on 127.0.0.1, a free port, no shutdown hook; and OTLP attributes as a map. */
final class LocalApps {

    private LocalApps() {}

    static CourierBuilder base(String application) {
        return Courier.builder()
                .application(application)
                .shutdownHook(false)
                .host("127.0.0.1")
                .port(0);
    }

    /** A reference straight to the provider on {@code port}. */
    static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .build();
    }

    /** OTLP attributes by key (string values; the first of a repeated key). */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }
}
