package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider application and a consumer application that find each other through etcd, chosen by
 * nothing but {@code courier.registry.address = etcd://...}, and a real call over 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdEndToEndTest {

    /** The service of this test. */
    public interface Greeter {
        String greet(String name);
    }

    /** Its implementation on the provider side. */
    public static final class FriendlyGreeter implements Greeter {
        @Override
        public String greet(String name) {
            return "hello, " + name;
        }
    }

    @Test
    void consumer_callsProvider_foundThroughEtcd() {
        try (EtcdServer etcd = EtcdServer.start()) {
            try (Courier provider = Courier.builder()
                            .application("greeter")
                            .registry(etcd.address())
                            .host("127.0.0.1")
                            .property("courier.server.advertised-host", "127.0.0.1")
                            .port(0)
                            .shutdownHook(false)
                            .export(new FriendlyGreeter())
                            .start();
                    Courier consumer = Courier.builder()
                            .application("shop")
                            .registry(etcd.address())
                            .shutdownHook(false)
                            .start()) {
                assertThat(provider.port())
                        .as("the provider serves on a port of its own")
                        .isPositive();
                Greeter greeter = consumer.reference(Greeter.class);
                assertThat(greeter.greet("etcd")).isEqualTo("hello, etcd");
            }
        }
    }
}
