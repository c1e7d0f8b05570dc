package io.courier.transport;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The provider side of {@link EchoService} as a plain {@link Invoker}: no proxy, no reflection. */
final class TestProvider implements Invoker, AutoCloseable {

    static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(EchoService.class);
    static final ServiceKey KEY = ServiceKey.of(EchoService.class);

    final AtomicInteger executed = new AtomicInteger();
    final Queue<String> fired = new ConcurrentLinkedQueue<>();
    final Queue<String> remotes = new ConcurrentLinkedQueue<>();
    /** The request attachments of each call, as the invocation and as {@link RpcContext} showed them. */
    final Queue<Map<String, String>> served = new ConcurrentLinkedQueue<>();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-provider-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        executed.incrementAndGet();
        remotes.add(String.valueOf(RpcContext.current().remoteEndpoint()));
        served.add(invocation.attachments());
        served.add(RpcContext.current().requestAttachments());
        switch (invocation.method().name()) {
            case "echo":
                return CompletableFuture.completedFuture(RpcResult.of(invocation.argument(0)));
            case "later": {
                CompletableFuture<RpcResult> result = new CompletableFuture<>();
                scheduler.schedule(
                        () -> result.complete(RpcResult.of(invocation.argument(0))),
                        (Long) invocation.argument(1),
                        TimeUnit.MILLISECONDS);
                return result;
            }
            case "sleep":
                try {
                    Thread.sleep((Long) invocation.argument(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.completedFuture(RpcResult.ofException(e));
                }
                return CompletableFuture.completedFuture(RpcResult.of(invocation.argument(0)));
            case "blob":
                return CompletableFuture.completedFuture(RpcResult.of(new byte[(Integer) invocation.argument(0)]));
            case "thread":
                return CompletableFuture.completedFuture(
                        RpcResult.of(Thread.currentThread().getName()));
            case "boom":
                return CompletableFuture.completedFuture(
                        RpcResult.ofException(new IllegalStateException((String) invocation.argument(0))));
            case "fire":
                fired.add((String) invocation.argument(0));
                if ("locked".equals(invocation.argument(0))) {
                    return CompletableFuture.completedFuture(
                            RpcResult.ofException(new IllegalStateException("locked")));
                }
                return CompletableFuture.completedFuture(RpcResult.of(null));
            default:
                return CompletableFuture.completedFuture(RpcResult.ofException(
                        new UnsupportedOperationException(invocation.method().name())));
        }
    }

    /** This provider as a service on the server's default executor, or on {@code executor}. */
    ServiceExport export(ExecutorKind executor) {
        return new ServiceExport(
                KEY, DESCRIPTOR, this, List.of(TestSerializer.INSTANCE), OpenPolicy.INSTANCE, executor);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
