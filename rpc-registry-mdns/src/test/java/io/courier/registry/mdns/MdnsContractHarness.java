package io.courier.registry.mdns;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.mdns.internal.MdnsLayout;
import io.courier.registry.mdns.internal.RecordMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.jmdns.JmDNS;
import javax.jmdns.impl.JmDNSImpl;

/**
 * The registry contracts' hook for mDNS: clients on the loopback with 3 s sessions (records with a TTL of
 * 3 s, the least mDNS takes), a crash that stops without a goodbye ({@link MdnsRegistry#abandon()}), and raw registrations:
 * Courier's records announced by a responder of the harness's own with a one-hour TTL, which it never
 * renews and withdraws with goodbyes.
 */
final class MdnsContractHarness implements RegistryHarness {

    static final String ADDRESS = "mdns://127.0.0.1";
    private static final int RAW_TTL_SECONDS = 3_600;
    private static final AtomicInteger RAW = new AtomicInteger();

    @Override
    public String name() {
        return "mdns";
    }

    @Override
    public RegistryOptions.Builder options(String root) {
        return RegistryOptions.builder(ADDRESS)
                .root(root)
                .connectionTimeoutMillis(2_000)
                .sessionTimeoutMillis(3_000);
    }

    @Override
    public Registry crashable(RegistryOptions options) {
        return open(options);
    }

    @Override
    public void crash(Registry registry) {
        ((MdnsRegistry) registry).abandon();
    }

    @Override
    public RawRegistrations raw(String root) {
        return new RawAnnouncer(new MdnsLayout(root));
    }

    /**
     * Announces records as many providers would, without starting them: each step in as few multicast
     * messages as its records fit in (the loopback carries messages of up to 9 KB).
     */
    private static final class RawAnnouncer implements RawRegistrations {
        private final MdnsLayout layout;
        private final JmDNSImpl jmdns;
        private final Map<String, ServiceInstance> held = new LinkedHashMap<>();

        RawAnnouncer(MdnsLayout layout) {
            this.layout = layout;
            try {
                this.jmdns =
                        (JmDNSImpl) JmDNS.create(InetAddress.getByName("127.0.0.1"), "raw-" + RAW.incrementAndGet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void put(List<ServiceInstance> instances) {
            for (ServiceInstance instance : instances) {
                held.put(layout.name(instance), instance);
            }
            send(instances, RAW_TTL_SECONDS);
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            List<Long> millis = new ArrayList<>();
            for (int first = 0; first < instances.size(); first += STEP) {
                long start = System.nanoTime();
                List<ServiceInstance> step = instances.subList(first, Math.min(instances.size(), first + STEP));
                step.forEach(instance -> held.remove(layout.name(instance)));
                send(step, 0);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            return millis;
        }

        /** Announces (or, with a TTL of 0, withdraws) the instances' records. */
        private void send(List<ServiceInstance> instances, int ttl) {
            List<RecordMessages.Announced> records = new ArrayList<>();
            for (ServiceInstance instance : instances) {
                records.add(new RecordMessages.Announced(
                        layout.name(instance) + "." + MdnsLayout.TYPE, "raw.local.", instance));
            }
            try {
                RecordMessages.send(jmdns, layout, records, ttl);
            } catch (IOException e) {
                throw new UncheckedIOException("Raw mDNS announcement failed", e);
            }
        }

        /** Withdraws what is left, so that later tests' consumers do not read it. */
        @Override
        public void close() {
            try {
                send(List.copyOf(held.values()), 0);
            } finally {
                Thread closer = new Thread(jmdns::close, "raw-mdns-close"); // takes about 2 s
                closer.setDaemon(true);
                closer.start();
            }
        }
    }
}
