package io.courier.registry.mdns;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import io.courier.testkit.ChildJvm;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A provider in a JVM of its own: registers {@code io.example.Orders} at 127.0.0.1:{@code <port>} in
 * {@code mdns://} (no address of anyone) with a 3 s session, prints "registered", and waits to be killed
 * (60 s at most).
 */
final class MdnsProviderMain {

    static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    static final long SESSION_MILLIS = 3_000;

    private MdnsProviderMain() {}

    static ChildJvm start(int port) {
        return ChildJvm.start(MdnsProviderMain.class, List.of(), Integer.toString(port));
    }

    static ServiceInstance instance(int port) {
        return ServiceInstance.builder(ORDERS, Endpoint.of("127.0.0.1", port))
                .application("orders")
                .build();
    }

    public static void main(String[] args) throws Exception {
        RegistryOptions options = RegistryOptions.builder("mdns://")
                .sessionTimeoutMillis(SESSION_MILLIS)
                .build();
        try (Registry registry =
                ExtensionLoader.of(RegistryFactory.class).get(options.scheme()).create(options)) {
            ServiceInstance instance = instance(Integer.parseInt(args[0]));
            registry.register(instance);
            registry.registration(instance).get(10, TimeUnit.SECONDS);
            System.out.println("registered");
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        }
    }
}
