package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import io.courier.bootstrap.Courier;
import io.courier.testkit.TestPki;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With TLS on the provider's port, a gRPC client negotiates HTTP/2 by ALPN ({@code h2}) and calls the
 * service, while a Courier consumer, which asks for no ALPN protocol, calls the same TLS port.
 */
@Timeout(60)
class GrpcTlsTest {

    @TempDir
    Path dir;

    @Test
    void grpcOverTls_andCourierOverTls_onOnePort() throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("grpc-test-ca");
        TestPki.Issued server = pki.leaf(ca, "provider", "127.0.0.1");
        try (Courier provider = Courier.builder()
                .application("grpc-tls")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.server.tls.enabled", "true")
                .property(
                        "courier.server.tls.cert-chain-file", server.certFile().toString())
                .property("courier.server.tls.key-file", server.keyFile().toString())
                .property("courier.client.tls.enabled", "true")
                .property("courier.client.tls.trust-certs-file", ca.certFile().toString())
                .export(new GrpcProviderPathTest.ProbeService())
                .export(new GrpcProviderPathTest.FriendlyGreeter())
                .start()) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", provider.port())
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(ca.certFile().toFile())
                            .build())
                    .build();
            try {
                MethodDescriptor<StringValue, StringValue> attachment =
                        MethodDescriptor.<StringValue, StringValue>newBuilder()
                                .setType(MethodDescriptor.MethodType.UNARY)
                                .setFullMethodName(
                                        MethodDescriptor.generateFullMethodName(Probe.class.getName(), "Attachment"))
                                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                                .build();
                StringValue answer = ClientCalls.blockingUnaryCall(
                        channel, attachment, CallOptions.DEFAULT, StringValue.of("none-sent"));
                assertThat(answer.getValue()).isEqualTo("(none)");
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            GrpcProviderPathTest.Greeter greeter = provider.reference(GrpcProviderPathTest.Greeter.class);
            assertThat(greeter.greet("tls")).isEqualTo("hello, tls");
        }
    }
}
