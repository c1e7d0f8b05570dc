package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.courier.bootstrap.Courier;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gRPC call takes the provider's security and tracing as a Courier call does: the {@code jwt} filter
 * verifies the token of the {@code authorization} metadata (a refused one is {@code UNAUTHENTICATED},
 * nothing runs) and the caller's subject is the call's identity; a {@code traceparent} in the metadata
 * makes the provider's span a child in the caller's trace, as a Python client's would be.
 */
@Timeout(60)
class GrpcSecurityAndTracingTest {

    static final String ISSUER = "https://idp.example.test/realms/courier";
    static final String AUDIENCE = "probes";
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @TempDir
    static Path directory;

    static RSAKey key;
    static OpenTelemetrySdk telemetry;
    static Courier provider;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("grpc-test").generate();
        Path jwks = directory.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(key.toPublicJWK())).toString(true), StandardCharsets.UTF_8);
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        provider = Courier.builder()
                .application("grpc-secured")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .openTelemetry(telemetry)
                .property("courier.filter.jwt.jwks-file", jwks.toString())
                .property("courier.filter.jwt.issuer", ISSUER)
                .property("courier.filter.jwt.audience", AUDIENCE)
                .property("courier.filter.jwt.clock-skew-seconds", "5")
                .export(new GrpcProviderPathTest.ProbeService())
                .start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (provider != null) {
            provider.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
    }

    @Test
    void aValidToken_isTheCallersIdentity() throws Exception {
        assertThat(whoAmI(metadata("authorization", "Bearer " + token(claims().build()))))
                .isEqualTo("alice");
    }

    @Test
    void anExpiredTamperedOrMissingToken_isUnauthenticated_andNothingRuns() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String expired = token(claims().issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past))
                .build());
        String[] parts = token(claims().build()).split("\\.");
        String tampered =
                parts[0] + "." + claims().subject("mallory").build().toPayload().toBase64URL() + "." + parts[2];
        int before = GrpcProviderPathTest.SLOW_RUNS.get();
        for (Metadata refused : List.of(
                metadata("authorization", "Bearer " + expired),
                metadata("authorization", "Bearer " + tampered),
                new Metadata())) {
            assertThatThrownBy(() -> whoAmI(refused))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                                    e.getStatus().getCode())
                            .isIn(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED));
        }
        assertThatThrownBy(() -> whoAmI(metadata("authorization", "Bearer " + expired)))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(GrpcProviderPathTest.SLOW_RUNS.get()).isEqualTo(before);
    }

    @Test
    void traceparentMetadata_makesTheProvidersSpanAChildOfTheCallersTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        Metadata metadata = metadata("authorization", "Bearer " + token(claims().build()));
        metadata.put(
                Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
                "00-" + traceId + "-" + parentId + "-01");
        whoAmI(metadata);
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(traceId)));
        SpanData server = SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .findFirst()
                .orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(parentId);
        assertThat(server.getName()).contains("whoAmI");
    }

    private static String whoAmI(Metadata metadata) {
        MethodDescriptor<StringValue, StringValue> method = MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(Probe.class.getName(), "WhoAmI"))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .build();
        return ClientCalls.blockingUnaryCall(
                        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata)),
                        method,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                        StringValue.of(""))
                .getValue();
    }

    private static Metadata metadata(String name, String value) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
        return metadata;
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String token(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
