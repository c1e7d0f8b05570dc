package io.courier.bench.micro;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.filter.Filter;
import io.courier.bench.workload.UserService;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.security.BearerTokens;
import io.courier.security.JwtAuthFilter;
import io.courier.security.SecurityKeys;
import io.courier.spi.Side;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the provider's {@code jwt} filter costs per call with its keys cached: the filter bound as the
 * bootstrap binds it (JWKS from a file, read once), one call with a valid token through it inside
 * the request's {@code RpcContext}, to a next link that answers at once. {@code none} is the same
 * call without the filter. The difference is the verification: parse, signature check, claims
 * check, identity.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JwtVerifyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(JwtVerifyBenchmark.class);
    private static final String ISSUER = "https://idp.example.test/realms/courier";
    private static final CompletableFuture<RpcResult> DONE = CompletableFuture.completedFuture(RpcResult.of(true));

    @Param({"none", "RS256", "ES256"})
    public String alg;

    /** {@code 0}: every call verifies the signature; the default {@code 10000}: a repeated token is recognized. */
    @Param({"0", "10000"})
    public String cacheSize;

    private SharedObjects shared;
    private Path dir;
    private Filter filter;
    private Invocation call;

    @Setup
    public void setUp() throws Exception {
        ServiceKey key = ServiceKey.of(UserService.class);
        ServiceDescriptor descriptor = ServiceDescriptor.of(UserService.class);
        call = Invocation.of(
                key,
                descriptor.methods().get(0),
                new Object[descriptor.methods().get(0).parameterCount()]);
        if (alg.equals("none")) {
            filter = (invocation, chain) -> chain.proceed(invocation);
            return;
        }
        JWK jwk = alg.equals("RS256")
                ? new RSAKeyGenerator(2048).keyID("bench").generate()
                : new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        dir = Files.createTempDirectory("courier-jwt-bench");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(jwk.toPublicJWK()).toString(true));
        shared = new SharedObjects();
        filter = new JwtAuthFilter()
                .bind(ServiceFilterContext.builder(Side.PROVIDER, key, descriptor)
                        .application("courier-bench")
                        .properties(Map.of(
                                SecurityKeys.JWT_JWKS_FILE.name(), jwks.toString(),
                                SecurityKeys.JWT_ISSUER.name(), ISSUER,
                                SecurityKeys.JWT_AUDIENCE.name(), "orders",
                                SecurityKeys.JWT_ALGORITHMS.name(), alg,
                                SecurityKeys.JWT_CACHE_SIZE.name(), cacheSize))
                        .shared(shared)
                        .build());
        call = call.withAttachment(BearerTokens.ATTACHMENT, BearerTokens.SCHEME + token(jwk));
    }

    private String token(JWK jwk) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("orders")
                .subject("orders-client")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("scope", "orders.read orders.write")
                .build();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm)
                        .keyID(jwk.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        JWSSigner signer = jwk instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) jwk);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @TearDown
    public void tearDown() throws IOException {
        if (shared != null) {
            shared.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * The same call timed in CPU time of this thread rather than wall time, which a loaded machine
     * does not inflate: {@code java -cp <bench classpath> io.courier.bench.micro.JwtVerifyBenchmark
     * [seconds per algorithm]}.
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String[] variant : new String[][] {{"none", "0"}, {"RS256", "0"}, {"ES256", "0"}, {"RS256", "10000"}}) {
            JwtVerifyBenchmark bench = new JwtVerifyBenchmark();
            bench.alg = variant[0];
            bench.cacheSize = variant[1];
            bench.setUp();
            try {
                long warmUntil = System.nanoTime() + seconds * 1_000_000_000L / 2;
                while (System.nanoTime() < warmUntil) {
                    bench.verify().join();
                }
                long calls = 0;
                long start = threads.getCurrentThreadCpuTime();
                long until = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < until) {
                    for (int i = 0; i < 100; i++) {
                        bench.verify().join();
                    }
                    calls += 100;
                }
                double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / calls;
                log.info(
                        "jwt verify {} cache-size {}: {} us CPU per call over {} calls",
                        bench.alg,
                        bench.cacheSize,
                        String.format("%.2f", micros),
                        calls);
            } finally {
                bench.tearDown();
            }
        }
    }

    @Benchmark
    public CompletableFuture<RpcResult> verify() {
        try (RpcContext.Scope scope = RpcContext.serve(call.attachments(), null)) {
            return filter.filter(call, invocation -> DONE);
        }
    }
}
