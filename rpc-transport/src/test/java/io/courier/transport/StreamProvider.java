package io.courier.transport;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/** {@link StreamService} as a plain {@link Invoker}; keeps every publisher it returned. */
final class StreamProvider implements Invoker {

    static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(StreamService.class);
    static final ServiceKey KEY = ServiceKey.of(StreamService.class);

    final Queue<TestPublisher<?>> publishers = new ConcurrentLinkedQueue<>();

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        TestPublisher<?> publisher =
                switch (invocation.method().name()) {
                    case "count" -> new TestPublisher<>((Long) invocation.argument(0), i -> i, null);
                    case "blobs" ->
                        new TestPublisher<>(
                                (Integer) invocation.argument(0),
                                i -> new byte[(Integer) invocation.argument(1)],
                                null);
                    case "failAfter" ->
                        new TestPublisher<>(
                                (Integer) invocation.argument(0), i -> i, failure((String) invocation.argument(1)));
                    case "endless" -> new TestPublisher<>(-1, i -> i, null);
                    case "silent" -> TestPublisher.silent();
                    default -> null;
                };
        if (publisher == null) {
            return CompletableFuture.completedFuture(RpcResult.of("plain " + invocation.argument(0)));
        }
        publishers.add(publisher);
        return CompletableFuture.completedFuture(RpcResult.of(publisher));
    }

    private static RuntimeException failure(String code) {
        return code.equals("business")
                ? new IllegalStateException("out of stock")
                : new RpcException(ErrorCode.valueOf(code), "refused mid-stream");
    }

    ServiceExport export() {
        return new ServiceExport(
                KEY, DESCRIPTOR, this, List.of(TestSerializer.INSTANCE), OpenPolicy.INSTANCE, ExecutorKind.POOL);
    }

    static Invocation call(String method, Object... arguments) {
        return Invocation.of(
                KEY,
                DESCRIPTOR.methods().stream()
                        .filter(m -> m.name().equals(method))
                        .findFirst()
                        .orElseThrow(),
                arguments);
    }
}
