package io.courier.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import io.courier.testkit.ChildJvm;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on the loopback find each other with no address configured ({@code mdns://} on both
 * sides), a provider killed with {@code kill -9} leaves the consumer's list within its records' TTL, and
 * no mDNS packet goes anywhere but the loopback: the responder's socket sends on {@code lo} and joined the
 * mDNS group there alone ({@code /proc/net/igmp}), and a capture of every interface of the machine
 * ({@link PacketCapture}) counts mDNS packets on {@code lo} and none elsewhere.
 */
@ExtendWith(LoopbackMulticast.class)
@Timeout(60)
class MdnsTwoProcessesTest {

    /** 224.0.0.251 as /proc/net/igmp writes it (little-endian hex). */
    private static final String MDNS_GROUP = "FB0000E0";

    @Test
    void consumerFindsAProviderOfAnotherJvm_seesItsKillWithinTheTtl_andNothingLeavesTheLoopback(@TempDir Path dir)
            throws Exception {
        int port = 20_999;
        ServiceInstance provided = MdnsProviderMain.instance(port);
        RegistryOptions options = RegistryOptions.builder("mdns://")
                .sessionTimeoutMillis(MdnsProviderMain.SESSION_MILLIS)
                .build();
        try (PacketCapture capture = PacketCapture.start(dir)) {
            AtomicReference<List<ServiceInstance>> latest = new AtomicReference<>();
            AtomicLong lastDelivery = new AtomicLong();
            try (Registry consumer = ExtensionLoader.of(RegistryFactory.class)
                            .get("mdns")
                            .create(options);
                    ChildJvm provider = MdnsProviderMain.start(port)) {
                // dead for the consumer's transport, so empty-push protection lets the empty list through
                consumer.subscribe(
                        MdnsProviderMain.ORDERS,
                        instances -> {
                            latest.set(instances);
                            lastDelivery.set(System.nanoTime());
                        },
                        endpoint -> false);
                assertThat(provider.awaitLine("registered"::equals, Duration.ofSeconds(20)))
                        .as(provider.output())
                        .isTrue();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> List.of(provided).equals(latest.get()));

                NetworkInterface loopback = NetworkInterface.getByName("lo");
                assertThat(((MdnsRegistry) consumer).responder().getSocket().getNetworkInterface())
                        .isEqualTo(loopback);
                Map<String, Set<String>> groups = igmpGroups();
                assertThat(groups.get("lo")).contains(MDNS_GROUP);
                groups.remove("lo");
                groups.forEach((device, joined) ->
                        assertThat(joined).as("groups joined on %s", device).doesNotContain(MDNS_GROUP));

                long killed = System.nanoTime();
                provider.close(); // SIGKILL: no goodbye
                long ttlMillis = MdnsProviderMain.SESSION_MILLIS;
                await().atMost(Duration.ofMillis(ttlMillis + 1_000))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> latest.get().isEmpty());
                long goneMillis = (lastDelivery.get() - killed) / 1_000_000;
                System.out.println("mdns kill -9 noticed after " + goneMillis + " ms (records' TTL " + ttlMillis
                        + " ms, counted from the last announcement heard)");
                // the last announcement came at most a third of the TTL before the kill; a scan and some slack more
                assertThat(goneMillis).isLessThanOrEqualTo(ttlMillis + MdnsRegistry.TICK_MILLIS + 400);
            }
            Map<String, Integer> packets = capture.stop();
            System.out.println("mDNS packets per interface while both ran: " + packets);
            assertThat(packets.getOrDefault("lo", 0)).isPositive();
            assertThat(packets).containsOnlyKeys("lo");
        }
    }

    /** The multicast groups each interface joined, from {@code /proc/net/igmp}. */
    private static Map<String, Set<String>> igmpGroups() throws Exception {
        Map<String, Set<String>> groups = new HashMap<>();
        String device = null;
        for (String line : Files.readAllLines(Path.of("/proc/net/igmp"))) {
            if (line.startsWith("Idx")) {
                continue;
            }
            if (!line.startsWith("\t")) {
                device = line.split("\\s+")[1];
                groups.put(device, new HashSet<>());
            } else if (device != null) {
                groups.get(device).add(line.strip().split("\\s+")[0]);
            }
        }
        return groups;
    }
}
