package io.courier.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.grpc.GrpcOptions;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.client.GrpcClient;
import io.courier.grpc.internal.client.MethodMarshallers;
import io.courier.transport.TransportOptions;
import io.grpc.Server;
import io.grpc.testing.integration.EmptyProtos.Empty;
import io.grpc.testing.integration.Messages.EchoStatus;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code grpc} call protocol against a plain grpc-java server on a real socket: metadata both ways,
 * every gRPC status to Courier's error through the one table, {@code grpc-timeout} from the call's time
 * and the deadline, an unknown method, a refused connection (not executed), a method gRPC cannot carry.
 */
@Timeout(60)
class GrpcClientTest {

    private static final ServiceDescriptor SERVICE = ServiceDescriptor.of(TestServiceClient.class);
    private static final ServiceKey KEY = ServiceKey.of(TestServiceClient.class);

    private Server server;
    private GrpcClient client;

    @BeforeEach
    void start() throws Exception {
        server = StockGrpcServer.start("stock", 0);
        client = new GrpcClient(GrpcOptions.DEFAULTS, TransportOptions.defaults(), MethodMarshallers.ALL);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unary_sendsAttachmentsAsMetadata_andReadsHeadersAndTrailersAsAttachments() throws Exception {
        RpcResult result = invoker(server.getPort(), 5_000)
                .invoke(call("unaryCall", SimpleRequest.getDefaultInstance())
                        .withAttachment("x-tenant", "acme")
                        .withAttachment("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                        .withAttachment("X-Upper", "lower-cased")
                        .withAttachment("x-unprintable", "caf\u00e9"))
                .get(10, TimeUnit.SECONDS);

        SimpleResponse answer = (SimpleResponse) result.value();
        assertThat(answer.getHostname()).isEqualTo("stock");
        assertThat(answer.getUsername())
                .contains("x-tenant=acme;")
                .contains("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01;")
                .contains("x-upper=lower-cased;")
                .doesNotContain("x-unprintable");
        assertThat(result.attachments()).containsEntry("x-server", "stock").containsEntry("x-served-by", "stock");
        assertThat(result.attachments().keySet()).noneMatch(name -> name.startsWith("grpc-") || name.startsWith(":"));
    }

    @Test
    void grpcTimeout_isTheCallsTimeout_orTheDeadlineWhenSooner() throws Exception {
        SimpleResponse byTimeout = (SimpleResponse) invoker(server.getPort(), 4_000)
                .invoke(call("unaryCall", SimpleRequest.getDefaultInstance()))
                .get(10, TimeUnit.SECONDS)
                .value();
        assertThat(remainingMillis(byTimeout)).isBetween(3_000L, 4_000L);

        Invocation withDeadline = call("unaryCall", SimpleRequest.getDefaultInstance())
                .withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500));
        SimpleResponse byDeadline = (SimpleResponse) invoker(server.getPort(), 4_000)
                .invoke(withDeadline)
                .get(10, TimeUnit.SECONDS)
                .value();
        assertThat(remainingMillis(byDeadline)).isBetween(500L, 1_500L);
    }

    @Test
    void slowServer_isTimeoutForTheAttemptsTimeout_andDeadlineExceededForTheCallersDeadline() {
        SimpleRequest sleepy = SimpleRequest.newBuilder().setResponseSize(2_000).build();
        assertThatThrownBy(() -> invoker(server.getPort(), 300)
                        .invoke(call("unaryCall", sleepy))
                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

        Invocation withDeadline =
                call("unaryCall", sleepy).withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
        assertThatThrownBy(() ->
                        invoker(server.getPort(), 5_000).invoke(withDeadline).join())
                .cause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
                    assertThat(e.code().retryRule()).isEqualTo(io.courier.api.RetryRule.NEVER);
                });
    }

    @Test
    void everyStatus_becomesTheErrorCodeOfTheOneTable_withItsMessage() {
        Invoker invoker = invoker(server.getPort(), 5_000);
        for (GrpcStatus status : GrpcStatus.values()) {
            if (status == GrpcStatus.OK) {
                continue;
            }
            SimpleRequest failing = SimpleRequest.newBuilder()
                    .setResponseStatus(
                            EchoStatus.newBuilder().setCode(status.code()).setMessage("because \u00e9 " + status))
                    .build();
            assertThatThrownBy(() -> invoker.invoke(call("unaryCall", failing)).join())
                    .as("%s", status)
                    .cause()
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        ErrorCode expected = status == GrpcStatus.DEADLINE_EXCEEDED
                                // the server's DEADLINE_EXCEEDED within the attempt's own timeout
                                ? ErrorCode.TIMEOUT
                                : status.errorCode();
                        assertThat(e.code()).as("%s", status).isEqualTo(expected);
                        assertThat(e.getMessage()).contains(status.name()).contains("because \u00e9 " + status);
                    });
        }
    }

    @Test
    void unknownMethod_isUnimplemented_aBadRequestNotExecuted() {
        assertThatThrownBy(() -> invoker(server.getPort(), 5_000)
                        .invoke(call("noSuchCall", Empty.getDefaultInstance()))
                        .join())
                .cause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.notExecuted()).isTrue();
                    assertThat(e.getMessage())
                            .contains("UNIMPLEMENTED")
                            .contains("/grpc.testing.TestService/NoSuchCall");
                });
    }

    @Test
    void refusedConnection_failsNotExecuted_soTheClusterMayRetryElsewhere() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Invoker invoker = invoker(closedPort, 5_000);
        assertThatThrownBy(() -> invoker.invoke(call("emptyCall", Empty.getDefaultInstance()))
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                    assertThat(e.notExecuted()).isTrue();
                });
        assertThat(invoker.available()).isFalse();
    }

    @Test
    void aMethodWithNoProtobufForm_isRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> invoker(server.getPort(), 5_000)
                        .invoke(call("plainCall", List.of(List.of("x"))))
                        .join())
                .cause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                    assertThat(e.notExecuted()).isTrue();
                    assertThat(e.getMessage())
                            .contains("plainCall")
                            .contains("protoc-generated")
                            .contains("a list of lists");
                });
    }

    private Invoker invoker(int port, long timeoutMillis) {
        return client.invoker(Endpoint.of("127.0.0.1", port), null, () -> timeoutMillis);
    }

    private static Invocation call(String method, Object argument) {
        MethodDescriptor descriptor = SERVICE.methods().stream()
                .filter(m -> m.name().equals(method))
                .findFirst()
                .orElseThrow();
        return Invocation.of(KEY, descriptor, new Object[] {argument});
    }

    private static long remainingMillis(SimpleResponse answer) {
        for (String entry : answer.getUsername().split(";")) {
            if (entry.startsWith("(deadline-millis)=")) {
                return Long.parseLong(entry.substring(entry.indexOf('=') + 1));
            }
        }
        throw new AssertionError("no deadline seen by the server: " + answer.getUsername());
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
