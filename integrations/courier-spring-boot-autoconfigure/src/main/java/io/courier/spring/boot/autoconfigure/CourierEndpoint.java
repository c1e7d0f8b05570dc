package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.admin.Documents;
import io.courier.bootstrap.status.CourierStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code courier} Actuator endpoint ({@code /actuator/courier} once exposed): the application's
 * name, phase, registry state, server port, readiness, the services it exports with their
 * registration, and the references it holds with the providers each sees. The same documents as
 * the admin endpoint's {@code /services} and {@code /references} (see {@code docs/operations.md}).
 * Read-only.
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
        CourierStatus.Readiness readiness = status.readiness();
        Map<String, Object> body = new LinkedHashMap<>(Documents.services(status));
        body.put("port", courier.port());
        body.put("ready", readiness.ready());
        body.put("reasons", readiness.reasons());
        body.put("references", Documents.references(status).get("references"));
        return body;
    }
}
