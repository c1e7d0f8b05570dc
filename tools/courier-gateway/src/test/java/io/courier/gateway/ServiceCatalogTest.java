package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ServiceKey;
import io.courier.gateway.fixtures.OrderDesk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What lets a call start on the event loop: {@link ServiceCatalog#ready} answers from what is at
 * hand, keeps answering from a stale snapshot while one background re-read runs, and leaves
 * unknown methods to the blocking path. On a real registry (the fixture's ZooKeeper and provider),
 * with a clock the test moves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceCatalogTest {

    private static GatewayFixture fixture;
    private static final ServiceKey DESK = ServiceKey.of(OrderDesk.class);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Runnable> background = new ArrayList<>();
    private final Executor recording = background::add;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** What the gateway's blocking path does for a request: the caller, then the metadata. */
    private static void lookUp(ServiceCatalog catalog) {
        assertThat(catalog.caller(DESK)).isPresent();
        assertThat(catalog.metadata(DESK)).isPresent();
    }

    @Test
    void ready_isNull_untilTheBlockingPathMadeTheCaller() {
        ServiceCatalog catalog = new ServiceCatalog(fixture.edge, clock::get, recording);
        assertThat(catalog.ready(DESK, "echo")).isNull();

        lookUp(catalog);

        ServiceCatalog.Methods ready = catalog.ready(DESK, "echo");
        assertThat(ready).isNotNull();
        assertThat(ready.named("echo")).hasSize(1);
        assertThat(background).isEmpty();
    }

    @Test
    void staleSnapshot_stillServes_whileOneBackgroundReadReplacesIt() {
        ServiceCatalog catalog = new ServiceCatalog(fixture.edge, clock::get, recording);
        lookUp(catalog);
        clock.addAndGet(ServiceCatalog.REFRESH_NANOS);

        assertThat(catalog.ready(DESK, "echo")).isNotNull();
        assertThat(catalog.ready(DESK, "add")).isNotNull();
        assertThat(background).as("one re-read at a time").hasSize(1);

        background.remove(0).run();
        assertThat(catalog.ready(DESK, "echo")).isNotNull();
        assertThat(background).as("the re-read snapshot is fresh").isEmpty();

        clock.addAndGet(ServiceCatalog.REFRESH_NANOS);
        assertThat(catalog.ready(DESK, "echo")).isNotNull();
        assertThat(background).as("stale again: the next re-read").hasSize(1);
    }

    @Test
    void methodTheSnapshotDoesNotName_isLeftToTheBlockingPath() {
        ServiceCatalog catalog = new ServiceCatalog(fixture.edge, clock::get, recording);
        lookUp(catalog);

        assertThat(catalog.ready(DESK, "noSuchMethod")).isNull();
        assertThat(catalog.ready(ServiceKey.of(Runnable.class), "echo")).isNull();
    }
}
