package io.courier.registry.eureka;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.eureka.internal.EurekaHttp;
import io.courier.registry.eureka.internal.EurekaLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry contracts' hook for Eureka: clients of the module's {@link EurekaServer} with 2 s
 * sessions, a crash that stops renewing without cancelling ({@link EurekaRegistry#abandon()}), and raw
 * registrations: Courier's instance documents in Eureka instances with a one-day lease nobody renews.
 */
final class EurekaContractHarness implements RegistryHarness {

    private static final int RAW_LEASE_SECONDS = 86_400;
    private static final AtomicLong DIRTY = new AtomicLong(System.currentTimeMillis());
    private static final AtomicInteger PACKS = new AtomicInteger();

    private final EurekaServer server;

    EurekaContractHarness(EurekaServer server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "eureka";
    }

    /** 2 s session and connection timeout; the registry fetched every 200 ms. */
    @Override
    public RegistryOptions.Builder options(String root) {
        return RegistryOptions.builder(server.address())
                .root(root)
                .connectionTimeoutMillis(2_000)
                .sessionTimeoutMillis(2_000);
    }

    @Override
    public Registry crashable(RegistryOptions options) {
        return open(options);
    }

    /** Stops renewing and closes without cancelling: the server evicts the instances when their lease ends. */
    @Override
    public void crash(Registry registry) {
        ((EurekaRegistry) registry).abandon();
    }

    @Override
    public RawRegistrations raw(String root) {
        return new RawPacks(new EurekaLayout(root));
    }

    /** A registration's identity: one service at one endpoint. */
    private record Id(ServiceKey serviceKey, Endpoint endpoint) {
        static Id of(ServiceInstance instance) {
            return new Id(instance.serviceKey(), instance.endpoint());
        }
    }

    /** One Eureka instance holding the documents of one put step, as a dead rack's registrations would linger. */
    private static final class Pack {
        private final String app;
        private final String instanceId;
        private final Endpoint endpoint;
        private final Map<Id, ServiceInstance> held;

        Pack(String app, String instanceId, Endpoint endpoint, Map<Id, ServiceInstance> held) {
            this.app = app;
            this.instanceId = instanceId;
            this.endpoint = endpoint;
            this.held = held;
        }

        String app() {
            return app;
        }

        String instanceId() {
            return instanceId;
        }

        Endpoint endpoint() {
            return endpoint;
        }

        Map<Id, ServiceInstance> held() {
            return held;
        }
    }

    /**
     * Raw registrations, packed: each put step of up to {@link #STEP} is one Eureka instance carrying
     * their documents (the reader takes each document's own endpoint), so that a step, and a withdrawal
     * within it, is one request, as the contracts' transactions are; Eureka has no transactions.
     */
    private final class RawPacks implements RawRegistrations {
        private final EurekaLayout layout;
        // the HTTP client's own threads, stopped on close
        private final ExecutorService httpThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "raw-eureka-http");
            thread.setDaemon(true);
            return thread;
        });
        private final EurekaHttp http;
        private final List<Pack> packs = new ArrayList<>();

        RawPacks(EurekaLayout layout) {
            this.layout = layout;
            this.http =
                    new EurekaHttp(URI.create("http://127.0.0.1:" + server.port() + "/eureka"), 10_000, httpThreads);
        }

        @Override
        public void put(List<ServiceInstance> instances) {
            for (int first = 0; first < instances.size(); first += STEP) {
                List<ServiceInstance> step = instances.subList(first, Math.min(instances.size(), first + STEP));
                Map<Id, ServiceInstance> held = new LinkedHashMap<>();
                step.forEach(instance -> held.put(Id.of(instance), instance));
                Pack pack = new Pack(
                        EurekaLayout.app(step.get(0)),
                        "raw-" + PACKS.incrementAndGet(),
                        step.get(0).endpoint(),
                        held);
                packs.add(pack);
                write(pack);
            }
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            List<Long> millis = new ArrayList<>();
            for (int first = 0; first < instances.size(); first += STEP) {
                long start = System.nanoTime();
                Set<Pack> touched = new LinkedHashSet<>();
                for (ServiceInstance instance : instances.subList(first, Math.min(instances.size(), first + STEP))) {
                    for (Pack pack : packs) {
                        if (pack.held().remove(Id.of(instance)) != null) {
                            touched.add(pack);
                        }
                    }
                }
                touched.forEach(this::write);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            return millis;
        }

        /** Registers what the pack holds now, or cancels it once it holds nothing. */
        private void write(Pack pack) {
            int status;
            try {
                if (pack.held().isEmpty()) {
                    status = http.cancel(pack.app(), pack.instanceId());
                    status = status == 404 ? 200 : status; // already gone is what a cancellation wants
                } else {
                    status = http.register(
                            pack.app(),
                            layout.registration(
                                    pack.app(),
                                    pack.instanceId(),
                                    pack.endpoint(),
                                    List.copyOf(pack.held().values()),
                                    RAW_LEASE_SECONDS,
                                    30,
                                    DIRTY.incrementAndGet()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Raw write to Eureka failed", e);
            }
            if (status / 100 != 2) {
                throw new IllegalStateException("Raw write to Eureka answered HTTP " + status);
            }
        }

        /** Cancels what is left, so that the server the module's tests share stays small (every fetch reads it all). */
        @Override
        public void close() {
            try {
                for (Pack pack : packs) {
                    if (!pack.held().isEmpty()) {
                        pack.held().clear();
                        write(pack);
                    }
                }
            } finally {
                http.close();
                httpThreads.shutdownNow();
            }
        }
    }
}
