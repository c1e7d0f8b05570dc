package io.courier.registry.etcd;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.etcd.internal.InstanceJson;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The registry contracts' hook for etcd: clients of one running etcd with 2 s leases, a crash that
 * stops a client without revoking its lease ({@link EtcdRegistry#abandon()}), and raw provider keys
 * (under no lease) written in transactions by a jetcd client.
 */
final class EtcdContractHarness implements RegistryHarness {

    private final String address;

    /** @param address the registry address, {@code etcd://host:port[,host:port...]} */
    EtcdContractHarness(String address) {
        this.address = address;
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public RegistryOptions.Builder options(String root) {
        return RegistryOptions.builder(address)
                .root(root)
                .sessionTimeoutMillis(2_000)
                .connectionTimeoutMillis(2_000);
    }

    @Override
    public Registry crashable(RegistryOptions options) {
        return open(options);
    }

    @Override
    public void crash(Registry registry) {
        ((EtcdRegistry) registry).abandon();
    }

    @Override
    public RawRegistrations raw(String root) {
        Client client = Client.builder()
                .endpoints(EtcdRegistryFactory.endpoints(address).toArray(String[]::new))
                .build();
        return new RawKeys(client, new KeyLayout(root));
    }

    /** Keys under no lease, as a dead rack's would linger. */
    private record RawKeys(Client client, KeyLayout layout) implements RawRegistrations {

        @Override
        public void put(List<ServiceInstance> instances) {
            step(
                    instances,
                    instance ->
                            Op.put(key(instance), ByteSequence.from(InstanceJson.encode(instance)), PutOption.DEFAULT));
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            return step(instances, instance -> Op.delete(key(instance), DeleteOption.DEFAULT));
        }

        private ByteSequence key(ServiceInstance instance) {
            return ByteSequence.from(
                    layout.provider(instance.serviceKey(), instance.endpoint()), StandardCharsets.UTF_8);
        }

        private List<Long> step(List<ServiceInstance> instances, Function<ServiceInstance, Op> operation) {
            List<Long> millis = new ArrayList<>();
            for (int first = 0; first < instances.size(); first += STEP) {
                Op[] ops = instances.subList(first, Math.min(instances.size(), first + STEP)).stream()
                        .map(operation)
                        .toArray(Op[]::new);
                long start = System.nanoTime();
                try {
                    client.getKVClient().txn().Then(ops).commit().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("Raw write to etcd failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            return millis;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
