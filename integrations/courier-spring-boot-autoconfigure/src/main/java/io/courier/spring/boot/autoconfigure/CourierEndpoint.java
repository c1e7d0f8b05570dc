package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code courier} Actuator endpoint ({@code /actuator/courier} once exposed): the application's
 * name, registry state, server port, the services it exports and the references it holds with
 * their providers. Read-only.
 */
@Endpoint(id = "courier")
public class CourierEndpoint {

    private final Courier courier;

    CourierEndpoint(Courier courier) {
        this.courier = courier;
    }

    /** A JSON-friendly snapshot of {@link Courier#status()}. */
    @ReadOperation
    public Map<String, Object> courier() {
        CourierStatus status = courier.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", status.application());
        body.put("registry", status.registry().name().toLowerCase(Locale.ROOT));
        body.put("online", status.online());
        body.put("port", courier.port());
        body.put("services", status.services().stream().map(Object::toString).toList());
        List<Map<String, Object>> references = new ArrayList<>();
        for (CourierStatus.ReferenceStatus reference : status.references()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service", reference.serviceKey().toString());
            entry.put("interface", reference.serviceInterface());
            entry.put("providers", reference.providers());
            entry.put("direct", reference.direct());
            references.add(entry);
        }
        body.put("references", references);
        return body;
    }
}
