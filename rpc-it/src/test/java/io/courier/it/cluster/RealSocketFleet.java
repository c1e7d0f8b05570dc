package io.courier.it.cluster;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.cluster.scenario.Fault;
import io.courier.cluster.scenario.Ledger;
import io.courier.cluster.scenario.LedgerService;
import io.courier.cluster.scenario.ProviderFleet;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.transport.CallOptions;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.courier.transport.ServiceTable;
import io.courier.transport.TransportClient;
import io.courier.transport.TransportOptions;
import io.courier.transport.TransportServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Providers of {@link LedgerService} served by Courier's {@link TransportServer} on 127.0.0.1 (one
 * server, port and executor each), called through one {@link TransportClient} with the protostuff
 * serializer: every call crosses a real socket, is encoded and decoded, and runs on the server's
 * executor, where the provider records it in the {@link Ledger} and works {@value #SERVICE_NANOS} ns
 * before it answers.
 *
 * <p>{@link #kill} is a crash inside this JVM: from that instant the provider records and answers
 * nothing (calls it is running, or that reach it later, are left unanswered), then its server closes
 * every connection at once without waiting for them. The consumer sees what a crash shows it: the
 * calls in flight fail with {@code NETWORK}, "may have executed", and new attempts fail to connect,
 * or, when the consumer read the going-away notice the server still writes before closing, are
 * refused {@code GOING_AWAY}, "not executed".
 * (A SIGKILLed provider JVM is {@code ProviderCrashIT}'s scenario.)
 *
 * <p>Counts: {@link #attempts} at the provider, when its service is called; {@link #sent} and
 * {@link #lost} at the consumer, on the invoker of each instance.
 */
final class RealSocketFleet implements ProviderFleet {

    /** How long a call works on a provider, so that calls are really in flight when one is killed. */
    static final long SERVICE_NANOS = 50_000;

    /** The consumer's timeout; a provider with {@link Fault#EXECUTE_THEN_TIME_OUT} answers later. */
    static final long TIMEOUT_MILLIS = 1_000;

    private static final Serializer SERIALIZER = Serializers.installed().byId(ProtostuffSerializer.ID);
    private static final DeserializationPolicy POLICY =
            ClassAllowList.of(LedgerService.DESCRIPTOR, ProtocolOptions.defaults());

    private final Ledger ledger = new Ledger();
    private final List<Provider> providers = new ArrayList<>();
    private final List<ServiceInstance> instances = new ArrayList<>();
    private final Map<Endpoint, Integer> indexes = new HashMap<>();
    private final TransportClient client;

    RealSocketFleet(int size) {
        try {
            for (int i = 0; i < size; i++) {
                Provider provider = new Provider(i);
                providers.add(provider);
                Endpoint endpoint = Endpoint.of("127.0.0.1", provider.server.port());
                indexes.put(endpoint, i);
                instances.add(
                        ServiceInstance.builder(LedgerService.KEY, endpoint).build());
            }
            client = TransportClient.create(
                    TransportOptions.builder()
                            .ioThreads(2)
                            .connectTimeoutMillis(1_000)
                            .reconnectBackoff(50, 500)
                            .build(),
                    Serializers.of(SERIALIZER));
        } catch (RuntimeException | Error e) {
            providers.forEach(Provider::kill);
            throw e;
        }
    }

    @Override
    public List<ServiceInstance> instances() {
        return List.copyOf(instances);
    }

    @Override
    public Function<ServiceInstance, Invoker> connector() {
        CallOptions options = CallOptions.of(SERIALIZER, POLICY, TIMEOUT_MILLIS);
        return instance -> {
            Provider provider = providers.get(indexes.get(instance.endpoint()));
            return new CountingInvoker(client.invoker(instance.endpoint(), options), provider);
        };
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public long attempts(int provider) {
        return providers.get(provider).attempts.sum();
    }

    @Override
    public long sent(int provider) {
        return providers.get(provider).sent.sum();
    }

    @Override
    public int inFlight(int provider) {
        return providers.get(provider).inFlight.get();
    }

    @Override
    public void fault(int provider, Fault fault) {
        providers.get(provider).fault = fault;
    }

    @Override
    public void kill(int provider) {
        providers.get(provider).kill();
    }

    @Override
    public long lost(int provider) {
        return providers.get(provider).lost.sum();
    }

    @Override
    public void close() {
        for (Provider provider : providers) {
            provider.kill();
        }
        client.close();
    }

    /** One provider: its server, its service and its counters. */
    private final class Provider {
        private final int index;
        private final TransportServer server;
        private final LongAdder attempts = new LongAdder();
        private final LongAdder sent = new LongAdder();
        private final LongAdder lost = new LongAdder();
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile Fault fault = Fault.NONE;
        private volatile boolean killed;

        Provider(int index) {
            this.index = index;
            ServiceTable services = new ServiceTable();
            services.add(new ServiceExport(
                    LedgerService.KEY, LedgerService.DESCRIPTOR, this::serve, List.of(SERIALIZER), POLICY, null));
            this.server = TransportServer.start(
                    new InetSocketAddress("127.0.0.1", 0),
                    TransportOptions.builder()
                            .ioThreads(1)
                            .executorThreads(8)
                            .executorQueueSize(1_024)
                            .executor(ExecutorKind.POOL)
                            .build(),
                    Serializers.of(SERIALIZER),
                    services);
        }

        /** The provider's service, on the server's executor. */
        private CompletableFuture<RpcResult> serve(Invocation invocation) {
            if (killed) {
                // A dead process answers nothing; its connections are being closed.
                return new CompletableFuture<>();
            }
            attempts.increment();
            Fault current = fault;
            if (current == Fault.REFUSE) {
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.SERVER_BUSY, "provider " + index + " is busy"));
            }
            inFlight.incrementAndGet();
            if (current == Fault.HANG) {
                // Held until the provider is killed or closed, which closes its connections.
                return new CompletableFuture<>();
            }
            ledger.record(index, (Long) invocation.argument(0));
            LockSupport.parkNanos(SERVICE_NANOS);
            if (killed) {
                // Died while running the call: it ran, but its answer never leaves.
                return new CompletableFuture<>();
            }
            RpcResult answer = RpcResult.of(index);
            if (current == Fault.EXECUTE_THEN_TIME_OUT) {
                CompletableFuture<RpcResult> late = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(TIMEOUT_MILLIS + 500, TimeUnit.MILLISECONDS)
                        .execute(() -> {
                            inFlight.decrementAndGet();
                            late.complete(answer);
                        });
                return late;
            }
            inFlight.decrementAndGet();
            return CompletableFuture.completedFuture(answer);
        }

        void kill() {
            if (killed) {
                return;
            }
            killed = true;
            // No wait for accepted calls: every connection is closed at once, failing what is in flight.
            server.close(0);
        }
    }

    /**
     * The consumer's invoker of one instance, counting what it sends and the failures that left a
     * call "may have executed" on a lost connection; availability is the transport's.
     */
    private static final class CountingInvoker implements Invoker {
        private final Invoker transport;
        private final Provider provider;

        CountingInvoker(Invoker transport, Provider provider) {
            this.transport = transport;
            this.provider = provider;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            provider.sent.increment();
            CompletableFuture<RpcResult> call = transport.invoke(invocation);
            call.whenComplete((result, failure) -> {
                if (failure instanceof RpcException e && e.code() == ErrorCode.NETWORK && !e.notExecuted()) {
                    provider.lost.increment();
                }
            });
            return call;
        }

        @Override
        public boolean available() {
            return transport.available();
        }

        @Override
        public boolean available(MethodDescriptor method) {
            return transport.available(method);
        }
    }
}
