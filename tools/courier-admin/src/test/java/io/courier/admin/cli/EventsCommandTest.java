package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.event.BrokerSnapshot;
import io.courier.bootstrap.admin.AdminOptions;
import io.courier.bootstrap.admin.AdminServer;
import io.courier.bootstrap.admin.AdminTarget;
import io.courier.bootstrap.admin.ConfigEntry;
import io.courier.bootstrap.status.CourierStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code courier-admin events} against a real admin endpoint ({@link AdminServer} on a loopback port)
 * whose application reports a broker snapshot: the topics and the group with its lag per partition as
 * a table, the document itself with {@code --format json}, a note when the application has no event
 * broker open, and usage errors for a bad format or no address. The lag of a real Kafka group is
 * checked in rpc-events-kafka-embedded's AdminEventsTest and the console's ConsoleEventsBrowserTest.
 */
@Timeout(30)
class EventsCommandTest {

    private static final BrokerSnapshot SNAPSHOT = new BrokerSnapshot(
            "kafka 127.0.0.1:9092",
            Instant.parse("2026-11-25T15:00:00Z"),
            "",
            List.of(
                    new BrokerSnapshot.Topic(
                            "invoices",
                            false,
                            List.of(new BrokerSnapshot.Partition(0, 0, 10), new BrokerSnapshot.Partition(1, 2, 5))),
                    new BrokerSnapshot.Topic("invoices.dlt", true, List.of(new BrokerSnapshot.Partition(0, 0, 1)))),
            List.of(new BrokerSnapshot.Group(
                    "invoices",
                    "billing",
                    "invoices.dlt",
                    2,
                    true,
                    "Stable",
                    2,
                    12,
                    3,
                    1,
                    0,
                    List.of(
                            new BrokerSnapshot.PartitionLag(0, 7, 10, 3, "billing-1-billing-1"),
                            new BrokerSnapshot.PartitionLag(1, -1, 5, 3, "")))));

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void events_printsTopicsAndGroupsWithTheirLag_orTheDocument() {
        AtomicReference<Optional<BrokerSnapshot>> snapshot = new AtomicReference<>(Optional.of(SNAPSHOT));
        try (AdminServer admin = AdminServer.start(new AdminOptions("127.0.0.1", 0, ""), target(snapshot))) {
            String address = "127.0.0.1:" + admin.port();
            Run table = run("events", "--admin", address);
            assertThat(table.status()).as(table.err()).isEqualTo(Cli.OK);
            assertThat(table.out())
                    .contains("broker kafka 127.0.0.1:9092")
                    .containsPattern("invoices\\s+events\\s+2\\s+13\\s+15")
                    .containsPattern("invoices.dlt\\s+dead letters\\s+1\\s+1\\s+1")
                    .containsPattern("billing\\s+invoices\\s+Stable\\s+2\\s+yes\\s+6\\s+12\\s+3\\s+1")
                    .containsPattern("partition 0\\s+committed 7\\s+end 10\\s+lag 3\\s+held by billing-1-billing-1")
                    .containsPattern("partition 1\\s+committed -\\s+end 5\\s+lag 3\\s+held by -");

            Run json = run("events", "--admin", address, "--format", "json");
            assertThat(json.status()).isEqualTo(Cli.OK);
            assertThat(json.out()).startsWith("{\"open\":true").contains("\"committedOffset\":null");

            snapshot.set(Optional.empty());
            Run closed = run("events", "--admin", address);
            assertThat(closed.status()).isEqualTo(Cli.OK);
            assertThat(closed.out()).contains("has not opened its event broker");

            Run format = run("events", "--admin", address, "--format", "yaml");
            assertThat(format.status()).isEqualTo(Cli.USAGE);
            assertThat(format.err()).contains("--format: 'yaml' (expected: table or json)");
        }
        Run noAddress = run("events");
        assertThat(noAddress.status()).isEqualTo(Cli.USAGE);
        assertThat(noAddress.err()).contains("events: no admin endpoint (expected: --admin HOST:PORT");
    }

    private static AdminTarget target(AtomicReference<Optional<BrokerSnapshot>> snapshot) {
        return new AdminTarget() {
            @Override
            public CourierStatus status() {
                throw new UnsupportedOperationException("not asked by /events");
            }

            @Override
            public void offline() {}

            @Override
            public void online() {}

            @Override
            public List<ConfigEntry> configuration() {
                return List.of();
            }

            @Override
            public Optional<String> prometheusText() {
                return Optional.empty();
            }

            @Override
            public Optional<BrokerSnapshot> events(Duration timeout) {
                return snapshot.get();
            }
        };
    }
}
