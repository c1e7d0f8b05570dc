package io.courier.console;

import io.courier.api.GenericService;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import io.courier.protocol.json.ServiceMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test calls from the page through generic invocation: the console is a Courier application on the
 * same registry, and calls a service by method name with JSON arguments, from the metadata its
 * providers published (the gateway's path). Blocking, at most {@link #TIMEOUT_SECONDS} s per call.
 */
final class TestCalls {

    static final long TIMEOUT_SECONDS = 10;

    private final Courier courier;

    TestCalls(Courier courier) {
        this.courier = courier;
    }

    Optional<ServiceMetadata> metadata(ServiceKey key) {
        return courier.metadata(key);
    }

    /** The JSON result of {@code method} called with {@code arguments} (a JSON array or object). */
    String call(ServiceKey key, String method, String arguments) throws Exception {
        GenericService service = courier.generic(key);
        return service.invoke(method, arguments, Map.of()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
