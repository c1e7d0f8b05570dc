package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import grpc.testing.TestService;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.courier.transport.ServiceTable;
import io.courier.transport.TransportOptions;
import io.courier.transport.TransportServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.testing.integration.InteropClient;
import io.grpc.testing.integration.Messages.EchoStatus;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.TestServiceGrpc;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * grpc-java's own interop client ({@code TestServiceClient} of {@code grpc-interop-testing}, a client
 * we did not write) against {@code grpc.testing.TestService} implemented as an ordinary Courier service
 * and served on a Courier transport server's port. The cases not run here are listed in
 * {@code docs/grpc.md} with the reason.
 */
@Timeout(60)
class GrpcInteropTest {

    private static TransportServer server;

    @BeforeAll
    static void start() {
        ServiceTable services = new ServiceTable();
        ReflectiveProvider provider = new ReflectiveProvider(new InteropTestService());
        EchoMetadataFilter echo = new EchoMetadataFilter();
        services.add(new ServiceExport(
                ServiceKey.of(TestService.class),
                ServiceDescriptor.of(TestService.class),
                invocation -> echo.filter(invocation, provider::invoke),
                List.of(TestSerializer.INSTANCE),
                OpenPolicy.INSTANCE,
                ExecutorKind.POOL));
        server = TransportServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                TransportOptions.builder().ioThreads(2).build(),
                Serializers.of(TestSerializer.INSTANCE),
                services,
                // very_large_request sends 10 MiB, past the 4 MiB default; grpc-java's interop server raises its limit
                // too
                List.of(new GrpcProtocol(
                        GrpcOptions.builder().maxMessageBytes(16 * 1024 * 1024).build())));
    }

    @AfterAll
    static void stop() {
        server.close();
        assertThat(server.stats().inFlight()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "empty_unary",
                "large_unary",
                "client_streaming",
                "server_streaming",
                "ping_pong",
                "empty_stream",
                "custom_metadata",
                "status_code_and_message",
                "special_status_message",
                "unimplemented_method",
                "unimplemented_service",
                "cancel_after_begin",
                "cancel_after_first_response",
                "timeout_on_sleeping_server",
                "very_large_request"
            })
    void grpcJavasInteropClientPasses(String testCase) throws Throwable {
        InteropClient.run(server.port(), testCase);
    }

    @Test
    void aCallFailingBeforeItsAnswer_carriesBothEchoesInItsTrailersOnlyBlock() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        try {
            Metadata request = new Metadata();
            request.put(Metadata.Key.of(EchoMetadataFilter.INITIAL, Metadata.ASCII_STRING_MARSHALLER), "first");
            request.put(
                    Metadata.Key.of(EchoMetadataFilter.TRAILING, Metadata.BINARY_BYTE_MARSHALLER), new byte[] {1, 2});
            AtomicReference<Metadata> headers = new AtomicReference<>();
            AtomicReference<Metadata> trailers = new AtomicReference<>();
            TestServiceGrpc.TestServiceBlockingStub stub = TestServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(
                            MetadataUtils.newAttachHeadersInterceptor(request),
                            MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));

            assertThatThrownBy(() -> stub.unaryCall(SimpleRequest.newBuilder()
                            .setResponseStatus(
                                    EchoStatus.newBuilder().setCode(2).setMessage("refused"))
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));

            assertThat(headers.get()).isNull();
            assertThat(trailers.get()
                            .get(Metadata.Key.of(EchoMetadataFilter.INITIAL, Metadata.ASCII_STRING_MARSHALLER)))
                    .isEqualTo("first");
            assertThat(trailers.get()
                            .get(Metadata.Key.of(EchoMetadataFilter.TRAILING, Metadata.BINARY_BYTE_MARSHALLER)))
                    .containsExactly(1, 2);
        } finally {
            channel.shutdownNow();
        }
    }
}
