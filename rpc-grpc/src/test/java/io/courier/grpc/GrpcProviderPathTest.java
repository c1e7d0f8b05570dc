package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import io.courier.api.RpcContext;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier application started as users start it, with rpc-grpc on its class path: its provider port
 * serves gRPC (found through {@link io.courier.transport.PortProtocolFactory}) beside Courier's own
 * protocol, and a gRPC call takes the provider path of a Courier call: metadata as attachments,
 * {@code grpc-timeout} as the deadline, the service's executor (a reset before the call starts means it
 * never runs), and the graceful close.
 */
@Timeout(60)
class GrpcProviderPathTest {

    /** Executions of {@link Probe#slow}. */
    static final AtomicInteger SLOW_RUNS = new AtomicInteger();

    /** A plain Courier service on the same port, called by a Courier consumer. */
    public interface Greeter {
        String greet(String name);
    }

    public static final class FriendlyGreeter implements Greeter {
        @Override
        public String greet(String name) {
            return "hello, " + name;
        }
    }

    public static final class ProbeService implements Probe {
        @Override
        public StringValue attachment(StringValue key) {
            String value = RpcContext.current().requestAttachments().get(key.getValue());
            return StringValue.of(value == null ? "(none)" : value);
        }

        @Override
        public StringValue whoAmI(StringValue ignored) {
            return StringValue.of(RpcContext.current()
                    .identity()
                    .map(identity -> identity.subject())
                    .orElse("(anonymous)"));
        }

        @Override
        public Int64Value remainingMillis(StringValue ignored) {
            RpcContext context = RpcContext.current();
            return Int64Value.of(
                    context.hasRequestDeadline()
                            ? TimeUnit.NANOSECONDS.toMillis(context.requestRemainingNanos(System.nanoTime()))
                            : -1);
        }

        @Override
        public Flow.Publisher<StringValue> countdown(Int64Value from) {
            List<StringValue> values = new ArrayList<>();
            for (long n = from.getValue(); n > 0; n--) {
                values.add(StringValue.of(Long.toString(n)));
            }
            return new ListPublisher<>(values);
        }

        @Override
        public StringValue slow(StringValue millis) {
            SLOW_RUNS.incrementAndGet();
            try {
                Thread.sleep(Long.parseLong(millis.getValue()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return millis;
        }
    }

    private Courier provider;
    private ManagedChannel channel;

    private void start(String... properties) {
        SLOW_RUNS.set(0);
        CourierBuilder builder = Courier.builder()
                .application("grpc-provider")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new ProbeService())
                .export(new FriendlyGreeter());
        for (int i = 0; i < properties.length; i += 2) {
            builder.property(properties[i], properties[i + 1]);
        }
        provider = builder.start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void metadataBecomeAttachments_andGrpcTimeoutTheDeadline_besideCourierCallsOnTheSamePort() {
        start();
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER), "acme");
        StringValue tenant = ClientCalls.blockingUnaryCall(
                io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata)),
                method("Attachment", StringValue.getDefaultInstance()),
                CallOptions.DEFAULT,
                StringValue.of("x-tenant"));
        assertThat(tenant.getValue()).isEqualTo("acme");

        Int64Value remaining = ClientCalls.blockingUnaryCall(
                channel,
                method("RemainingMillis", Int64Value.getDefaultInstance()),
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                StringValue.of(""));
        assertThat(remaining.getValue()).isBetween(1L, 5_000L);

        // the application's own reference reaches the same port over Courier's protocol
        Greeter greeter = provider.reference(Greeter.class);
        assertThat(greeter.greet("courier")).isEqualTo("hello, courier");
    }

    @Test
    void unknownMethod_isUnimplemented_andNothingRuns() {
        start();
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                        channel,
                        method("Missing", StringValue.getDefaultInstance()),
                        CallOptions.DEFAULT,
                        StringValue.of("")))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        assertThat(SLOW_RUNS.get()).isZero();
    }

    @Test
    void callResetWhileItWaitsForTheExecutor_neverRuns() throws Exception {
        start("courier.server.threads", "1", "courier.server.queue-capacity", "8");
        MethodDescriptor<StringValue, StringValue> slow = method("Slow", StringValue.getDefaultInstance());
        Future<StringValue> first =
                ClientCalls.futureUnaryCall(channel.newCall(slow, CallOptions.DEFAULT), StringValue.of("600"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SLOW_RUNS.get() == 1);
        Future<StringValue> second =
                ClientCalls.futureUnaryCall(channel.newCall(slow, CallOptions.DEFAULT), StringValue.of("0"));
        second.cancel(true);
        assertThat(first.get(10, TimeUnit.SECONDS).getValue()).isEqualTo("600");
        // a third call queued behind the reset one runs, so the reset one had its turn and was skipped
        assertThat(ClientCalls.blockingUnaryCall(channel, slow, CallOptions.DEFAULT, StringValue.of("1"))
                        .getValue())
                .isEqualTo("1");
        assertThat(SLOW_RUNS.get()).isEqualTo(2);
    }

    @Test
    void gracefulClose_finishesTheCallInFlight() throws Exception {
        start();
        MethodDescriptor<StringValue, StringValue> slow = method("Slow", StringValue.getDefaultInstance());
        Future<StringValue> inFlight =
                ClientCalls.futureUnaryCall(channel.newCall(slow, CallOptions.DEFAULT), StringValue.of("500"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SLOW_RUNS.get() == 1);
        provider.close();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).getValue()).isEqualTo("500");
        provider = null;
    }

    private static <R extends Message> MethodDescriptor<StringValue, R> method(String name, R responseDefault) {
        return MethodDescriptor.<StringValue, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(Probe.class.getName(), name))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(responseDefault))
                .build();
    }
}
