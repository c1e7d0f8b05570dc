package io.courier.bench.courier;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.serialization.Serializer;
import io.courier.bench.stream.UserStreamClient;
import io.courier.bench.stream.UserStreamService;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bootstrap.Courier;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * A Courier application referencing {@link UserStreamService} at one known address, with Courier's defaults (a
 * window of 128 messages per stream). Its subscriber asks for everything at once: the window, not the subscriber's
 * demand, bounds what is in flight.
 */
public final class CourierStreamClient implements UserStreamClient {

    private final Courier courier;
    private final UserStreamService service;

    private CourierStreamClient(Courier courier, UserStreamService service) {
        this.courier = courier;
        this.service = service;
    }

    /** Connects to the provider at {@code host:port}. */
    public static CourierStreamClient connect(String host, int port) {
        Courier courier = Courier.builder()
                .application("courier-bench-stream-consumer")
                .shutdownHook(false)
                .start();
        try {
            UserStreamService service = courier.reference(
                    UserStreamService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of(host, port)))
                            .build());
            return new CourierStreamClient(courier, service);
        } catch (RuntimeException e) {
            courier.close();
            throw e;
        }
    }

    @Override
    public long stream(int count) throws InterruptedException {
        InOrder received = new InOrder();
        service.streamUsers(count).subscribe(received);
        try {
            received.done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stream of " + count + " users failed", e.getCause());
        }
        return received.next;
    }

    /** The frame header (16 bytes), the kind byte and the user as the default serializer (protostuff) writes it. */
    @Override
    public int messageBytes(long id) {
        Serializer serializer = ExtensionLoader.of(Serializer.class).get("protostuff");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Serializer.ValueWriter writer = serializer.writer(bytes);
            writer.write(SyntheticUserService.user(id, LocalDateTime.now()), User.class);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 16 + 1 + bytes.size();
    }

    @Override
    public void close() {
        courier.close();
    }

    /** Counts users and checks their order; called serially, as Flow promises. */
    private static final class InOrder implements Flow.Subscriber<User> {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        long next;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            given.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(User user) {
            if (user.getId() != next) {
                subscription.cancel();
                done.completeExceptionally(
                        new IllegalStateException("user " + user.getId() + " arrived (expected: " + next + ")"));
                return;
            }
            next++;
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
