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
import java.util.concurrent.Flow;

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
        if (invocation.method().streamParameter() >= 0) {
            Object answer = clientOrBidi(invocation);
            // As a dispatcher does: an asynchronous method's result is the value of its future.
            return answer instanceof CompletableFuture<?> future
                    ? future.thenApply(RpcResult::of)
                    : CompletableFuture.completedFuture(RpcResult.of(answer));
        }
        if (publisher == null) {
            return CompletableFuture.completedFuture(RpcResult.of("plain " + invocation.argument(0)));
        }
        publishers.add(publisher);
        return CompletableFuture.completedFuture(RpcResult.of(publisher));
    }

    /** The subscriptions to the consumer's messages, as the methods made them. */
    final Queue<Flow.Subscription> inbound = new ConcurrentLinkedQueue<>();

    @SuppressWarnings("unchecked")
    private Object clientOrBidi(Invocation invocation) {
        Flow.Publisher<Long> numbers = (Flow.Publisher<Long>) invocation.argument(0);
        switch (invocation.method().name()) {
            case "sum" -> {
                CompletableFuture<Long> sum = new CompletableFuture<>();
                numbers.subscribe(new Flow.Subscriber<>() {
                    private long total;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        inbound.add(subscription);
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Long number) {
                        total += number;
                    }

                    @Override
                    public void onError(Throwable failure) {
                        sum.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                        sum.complete(total);
                    }
                });
                return sum;
            }
            case "echo" -> {
                // The caller's demand goes straight to the consumer's messages.
                return (Flow.Publisher<Long>) numbers::subscribe;
            }
            default -> {
                int take = invocation.argumentCount() > 1 ? (Integer) invocation.argument(1) : 0;
                numbers.subscribe(new Flow.Subscriber<>() {
                    private Flow.Subscription subscription;
                    private int taken;

                    @Override
                    public void onSubscribe(Flow.Subscription given) {
                        subscription = given;
                        inbound.add(given);
                        if (take > 0) {
                            given.request(take);
                        }
                    }

                    @Override
                    public void onNext(Long number) {
                        if (++taken == take) {
                            subscription.cancel();
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {}

                    @Override
                    public void onComplete() {}
                });
                TestPublisher<Long> silent = TestPublisher.silent();
                publishers.add(silent);
                return silent;
            }
        }
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
