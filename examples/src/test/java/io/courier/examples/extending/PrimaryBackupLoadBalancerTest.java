package io.courier.examples.extending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code primary} load balancer, found through META-INF/services, over two real providers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrimaryBackupLoadBalancerTest {

    private final Applications applications = new Applications();

    @AfterEach
    void close() {
        applications.close();
    }

    @Test
    void everyCallGoesToThePrimary_thenToTheBackupWhenThePrimaryStops() {
        Courier first = applications.start(Applications.builder("a").export(new Named.Instance("a")));
        Courier second = applications.start(Applications.builder("b").export(new Named.Instance("b")));
        boolean firstIsPrimary = first.port() < second.port();
        Courier primary = firstIsPrimary ? first : second;
        String primaryName = firstIsPrimary ? "a" : "b";
        String backupName = firstIsPrimary ? "b" : "a";
        Courier consumer = applications.start(Applications.builder("shop"));
        Named named = consumer.reference(
                Named.class,
                ReferenceOptions.builder()
                        .loadBalancer("primary")
                        .directEndpoints(List.of(
                                Endpoint.of("127.0.0.1", first.port()), Endpoint.of("127.0.0.1", second.port())))
                        .build());

        // The reference connects to both in the background; until the primary's connection is ready
        // the cluster leaves it out (a ready instance is preferred), so a first call may go to the
        // backup. Once the primary is reachable, every call goes to it.
        await().atMost(Duration.ofSeconds(10)).until(() -> named.name().equals(primaryName));
        for (int i = 0; i < 20; i++) {
            assertThat(named.name()).isEqualTo(primaryName);
        }
        primary.close();
        for (int i = 0; i < 20; i++) {
            assertThat(named.name()).isEqualTo(backupName);
        }
    }
}
