package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.greeting.FriendlyGreeter;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import io.courier.bootstrap.fixtures.messages.Catalog;
import io.courier.bootstrap.fixtures.messages.Gadget;
import io.courier.bootstrap.fixtures.messages.OpenCatalog;
import io.courier.bootstrap.fixtures.messages.UnknownBalancer;
import io.courier.bootstrap.fixtures.messages.WrongFallback;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every message a user hits for a common mistake names what was wrong and what to do: the key or
 * class, the offending value, and the expectation or remedy. docs/faq.md quotes these messages;
 * where a remedy is stated, the test also applies it and shows that it works.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MisconfigurationMessagesTest {

    private static final String MESSAGES = "io.courier.bootstrap.fixtures.messages";

    private final List<Courier> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    private static ReferenceOptions.Builder direct(Courier provider) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                .retries(0);
    }

    /** The message of the {@link ConfigurationException} that {@code start} fails with. */
    private static String startFailure(ThrowingCallable start) {
        AtomicReference<String> message = new AtomicReference<>();
        assertThatThrownBy(start)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> message.set(e.getMessage()));
        return message.get();
    }

    /** The {@link RpcException} a call fails with. */
    private static RpcException callFailure(ThrowingCallable call) {
        AtomicReference<RpcException> failure = new AtomicReference<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(RpcException.class, failure::set);
        return failure.get();
    }

    // --- configuration keys and values ---

    @Test
    void misspeltKey_namesKeyValueSourceAndTheNearestKey() {
        String message = startFailure(
                () -> Courier.builder(Environments.of(Map.of("courier.consumer.timout-millis", "500"), Map.of()))
                        .shutdownHook(false)
                        .start());

        assertThat(message)
                .contains("courier.consumer.timout-millis: unknown key (value '500'")
                .contains("did you mean courier.consumer.timeout-millis?")
                .contains("[system property]");
    }

    @Test
    void misspeltEnvironmentVariable_suggestsTheNearestVariable() {
        String message =
                startFailure(() -> Courier.builder(Environments.of(Map.of(), Map.of("COURIER_SERVER_PROT", "20881")))
                        .shutdownHook(false)
                        .start());

        assertThat(message)
                .contains("environment variable COURIER_SERVER_PROT: unknown key")
                .contains("did you mean COURIER_SERVER_PORT?");
    }

    @Test
    void invalidValues_areAllReportedAtOnce_eachWithItsExpectation() {
        AtomicReference<ConfigurationException> failure = new AtomicReference<>();
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.consumer.timeout-millis", "fast")
                        .property("courier.transport.native", "yes")
                        .start())
                .isInstanceOfSatisfying(ConfigurationException.class, failure::set);

        assertThat(failure.get().problems())
                .containsExactlyInAnyOrder(
                        "courier.consumer.timeout-millis: 'fast' (expected: an integer >= 1) [builder]",
                        "courier.transport.native: 'yes' (expected: true or false) [builder]");
    }

    @Test
    void portOutOfRange_namesTheRange() {
        assertThat(startFailure(() -> Environments.builder().port(70_000).start()))
                .contains("courier.server.port: '70000' (expected: an integer 0 to 65535) [builder]");
    }

    @Test
    void portInUse_namesThePortAndAsksForAFreeOne_andLeavesNothingBehind() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Leftovers leftovers = Leftovers.snapshot();
            int port = taken.getLocalPort();

            String message = startFailure(() -> Environments.builder()
                    .port(port)
                    .export(new FriendlyGreeter())
                    .start());

            assertThat(message)
                    .contains("courier.server.port: '" + port + "' (expected: a port free on 127.0.0.1; cannot bind");
            leftovers.assertNoNewThreads();
        }
    }

    @Test
    void unknownFilterInAKey_listsTheFilters() {
        assertThat(startFailure(() -> Environments.builder()
                        .property("courier.filter.rate-limt.qps", "100")
                        .start()))
                .contains("courier.filter.rate-limt.qps: unknown filter in the key")
                .contains("with a filter among")
                .contains("rate-limit");
    }

    @Test
    void invalidFilterValue_namesKeyValueAndExpectation() {
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.filter.rate-limit.qps", "-3")
                        .export(new FriendlyGreeter())
                        .start())
                .hasMessageContaining("courier.filter.rate-limit.qps: -3 (expected: 0, or 0.001 to 1.0E9, or off)");
    }

    @Test
    void virtualThreadsBeforeJava21_sayWhatToUseInstead() {
        assumeThat(Runtime.version().feature()).isLessThan(21);

        assertThat(startFailure(() -> Environments.builder()
                        .property("courier.provider.executor", "virtual")
                        .export(new FriendlyGreeter())
                        .start()))
                .contains("'virtual'")
                .contains("Java 21 or later")
                .contains("use 'pool' or 'direct'");
    }

    @Test
    void allowedPackageOfATopLevelDomain_isRefused_namingTheValueAndTheExpectation() {
        assertThatThrownBy(() -> Environments.builder()
                        .allowPackages("com")
                        .export(new FriendlyGreeter())
                        .start())
                .hasMessageContaining("allowPackage: 'com' (expected: a package with at least two parts)");
    }

    // --- annotations and exports ---

    @Test
    void referenceOnAClass_namesTheFieldAndAsksForTheInterface() {
        assertThat(startFailure(() -> Environments.builder()
                        .scan("io.courier.bootstrap.fixtures.badreference")
                        .start()))
                .contains("@Reference on field io.courier.bootstrap.fixtures.badreference.Shop.greeter")
                .contains("is not an interface (expected: the service interface)");
    }

    @Test
    void twoExportsOfOneService_nameBothClassesAndTheWayOut() {
        assertThat(startFailure(() -> Environments.builder()
                        .scan("io.courier.bootstrap.fixtures.duplicate")
                        .start()))
                .contains("service io.courier.bootstrap.fixtures.greeting.Greeter is exported twice")
                .contains("FirstGreeter")
                .contains("SecondGreeter")
                .contains("give one a different group or version");
    }

    @Test
    void fallbackOfTheWrongType_namesTheInterfaceItMustImplement() {
        Courier consumer = start(Environments.builder());

        assertThatThrownBy(() -> consumer.inject(new WrongFallback()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fallback = " + OpenCatalog.class.getName())
                .hasMessageContaining("(expected: a class implementing " + Greeter.class.getName() + ")");
    }

    // --- extension names ---

    @Test
    void unknownLoadBalancerInAnAnnotation_listsTheInstalledOnes() {
        Courier consumer = start(Environments.builder());

        assertThatThrownBy(() -> consumer.inject(new UnknownBalancer()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'roundrobbin' (expected: one of the LoadBalancer extensions on the class path:")
                .hasMessageContaining("roundrobin");
    }

    @Test
    void unknownClusterAndSerializer_listTheInstalledOnes() {
        Courier consumer = start(Environments.builder());

        assertThatThrownBy(() -> consumer.reference(
                        Greeter.class,
                        ReferenceOptions.builder()
                                .cluster("failfest")
                                .directEndpoints(List.of(Endpoint.of("127.0.0.1", 1)))
                                .build()))
                .hasMessageContaining(
                        "courier.consumer.cluster: 'failfest' (expected: one of the Cluster extensions on the class path:")
                .hasMessageContaining("failfast");
        assertThat(startFailure(() -> Environments.builder()
                        .property("courier.provider.serializers", "kryo")
                        .export(new FriendlyGreeter())
                        .start()))
                .contains("courier.provider.serializers: 'kryo' (expected: one of the Serializer extensions on the"
                        + " class path:")
                .contains("protostuff");
    }

    @Test
    void unknownOrMalformedRegistryAddress_namesTheKeyAndTheExpectedForm() {
        assertThat(startFailure(() ->
                        Environments.builder().registry("etcd://127.0.0.1:2379").start()))
                .contains("courier.registry.address: 'etcd://127.0.0.1:2379'")
                .contains("a RegistryFactory extension on the class path")
                .contains("zookeeper");
        assertThat(startFailure(
                        () -> Environments.builder().registry("zookeeper://zk1").start()))
                .contains("courier.registry.address: 'zookeeper://zk1' was refused by the registry")
                .contains("(expected: zookeeper://host:port[,host:port...])");
    }

    // --- finding providers ---

    @Test
    void referenceWithoutRegistryOrAddress_saysHowToGiveOne() {
        Courier consumer = start(Environments.builder());

        assertThatThrownBy(() -> consumer.reference(Greeter.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no way to find providers of " + Greeter.class.getName())
                .hasMessageContaining("a direct address such as @Reference(url = \"courier://127.0.0.1:20880\")")
                .hasMessageContaining("courier.registry.address");
    }

    @Test
    void registryUnreachableAtStart_startsAnyway_andCallsSayNoProviderIsKnownAndWhatToCheck() {
        int nobody = Leftovers.freePort();
        // Both waits bounded short: neither the registration nor a provider can ever be seen here.
        Courier provider = start(Environments.builder()
                .registry("zookeeper://127.0.0.1:" + nobody)
                .property("courier.registry.connection-timeout-millis", "500")
                .property("courier.registry.register-wait-millis", "300")
                .export(new FriendlyGreeter()));
        Courier consumer = start(Environments.builder()
                .registry("zookeeper://127.0.0.1:" + nobody)
                .property("courier.registry.connection-timeout-millis", "500")
                .property("courier.registry.first-list-wait-millis", "700"));
        Greeter greeter = consumer.reference(Greeter.class);

        RpcException failure = callFailure(() -> greeter.greet("anyone?"));

        assertThat(provider.port()).isPositive();
        assertThat(failure.code()).isEqualTo(ErrorCode.NO_PROVIDER);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage())
                .contains("No provider available for " + Greeter.class.getName() + "#greet(java.lang.String)")
                .contains("no instance is known")
                .contains("registered in the registry this consumer reads")
                .contains("same registry address");
    }

    @Test
    void taggedCallWithNoTaggedProvider_namesTheTagAndWhatToCheck() {
        Courier provider = start(Environments.builder().registry("embedded").export(new FriendlyGreeter()));
        Courier consumer = start(Environments.builder().registry("embedded"));
        Greeter canary = consumer.reference(
                Greeter.class,
                ReferenceOptions.builder().tag("canary").forceTag(true).build());
        AtomicReference<RpcException> failure = new AtomicReference<>();

        // Until the registry delivers the untagged provider, the message says no instance is known.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            failure.set(callFailure(() -> canary.greet("x")));
            return failure.get().getMessage().contains("1 instance is known");
        });

        assertThat(provider.port()).isPositive();
        assertThat(failure.get().code()).isEqualTo(ErrorCode.NO_PROVIDER);
        assertThat(failure.get().getMessage())
                .contains("with tag 'canary' (forced): 1 instance is known, none is left after routing")
                .contains("check the tag, forceTag");
    }

    @Test
    void unreachableProvider_namesTheAddressAndProvesTheCallDidNotRun() {
        int nobody = Leftovers.freePort();
        Courier consumer = start(Environments.builder());
        Greeter greeter = consumer.reference(
                Greeter.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", nobody)))
                        .build());

        RpcException failure = callFailure(() -> greeter.greet("x"));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage())
                .contains("after 3 attempts on [127.0.0.1:" + nobody)
                .contains("cannot connect to 127.0.0.1:" + nobody);
    }

    // --- calls ---

    @Test
    void argumentOfAClassNotAllowed_isRefusedByTheProvider_untilItsPackageIsAllowed() {
        Courier strict = start(Environments.builder().export(new OpenCatalog()));
        Courier open = start(Environments.builder().allowPackages(MESSAGES).export(new OpenCatalog()));
        Courier consumer = start(Environments.builder());

        RpcException failure = callFailure(
                () -> consumer.reference(Catalog.class, direct(strict).build()).describe(new Gadget("g")));

        assertThat(failure.code()).isEqualTo(ErrorCode.SERIALIZATION);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage())
                .contains("provider: argument 0 of describe(java.lang.Object)")
                .contains("class " + Gadget.class.getName() + " is not allowed")
                .contains("a class in a package listed in courier.serialization.allowed-packages on the side that"
                        + " reads it");
        assertThat(consumer.reference(Catalog.class, direct(open).build()).describe(new Gadget("g")))
                .isEqualTo(Gadget.class.getName());
    }

    @Test
    void resultOfAClassNotAllowed_isRefusedByTheConsumer_untilItsPackageIsAllowed() {
        Courier provider = start(Environments.builder().export(new OpenCatalog()));
        Courier strict = start(Environments.builder());
        Courier open = start(Environments.builder().allowPackages(MESSAGES));

        RpcException failure = callFailure(
                () -> strict.reference(Catalog.class, direct(provider).build()).gadget());

        assertThat(failure.code()).isEqualTo(ErrorCode.SERIALIZATION);
        assertThat(failure.getMessage())
                .contains("response: result (java.lang.Object)")
                .contains("class " + Gadget.class.getName() + " is not allowed")
                .contains("courier.serialization.allowed-packages");
        assertThat(open.reference(Catalog.class, direct(provider).build()).gadget())
                .isInstanceOf(Gadget.class);
    }

    @Test
    void timeout_namesTheProviderTheLimitAndWhyItWasNotRetried() {
        Courier provider = start(Environments.builder().export(new OpenCatalog()));
        Courier consumer = start(Environments.builder());
        Catalog impatient = consumer.reference(
                Catalog.class, direct(provider).retries(2).timeoutMillis(200).build());

        RpcException failure = callFailure(() -> impatient.slow(1_000));

        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.notExecuted()).isFalse();
        assertThat(failure.getMessage())
                .contains("no response from 127.0.0.1:" + provider.port() + " within 200 ms")
                .contains("not retried: the call may have executed and the method is not @Idempotent");
    }

    @Test
    void fullProvider_refusesUnexecuted_namingTheSettingsToRaise() {
        OpenCatalog implementation = new OpenCatalog();
        Courier provider = start(Environments.builder()
                .property("courier.server.threads", "1")
                .property("courier.server.queue-capacity", "0")
                .export(implementation));
        Courier consumer = start(Environments.builder());
        Catalog catalog = consumer.reference(Catalog.class, direct(provider).build());
        CompletableFuture<String> occupying = CompletableFuture.supplyAsync(() -> catalog.slow(2_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> implementation.sleeping() == 1);

        RpcException refusal = callFailure(() -> catalog.describe("x"));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refusal.notExecuted()).isTrue();
        assertThat(refusal.getMessage())
                .contains("server executor is full")
                .contains("raise courier.server.threads or courier.server.queue-capacity on the provider");
        assertThat(occupying.join()).isEqualTo("slept 2000");
    }

    @Test
    void callWithoutToken_isForbidden_namingBothSettings() {
        String token = "0123456789abcdef-token";
        Courier provider = start(Environments.builder()
                .property("courier.filter.auth.tokens", token)
                .export(new FriendlyGreeter()));
        Courier anonymous = start(Environments.builder());
        Courier member = start(Environments.builder().property("courier.filter.consumer-auth.token", token));

        RpcException failure = callFailure(() ->
                anonymous.reference(Greeter.class, direct(provider).build()).greet("x"));

        assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(failure.getMessage())
                .contains("auth: no token for " + Greeter.class.getName())
                .contains("courier.filter.consumer-auth.token among the provider's courier.filter.auth.tokens")
                .doesNotContain(token);
        assertThat(member.reference(Greeter.class, direct(provider).build()).greet("x"))
                .isEqualTo("Hello, x");
    }

    @Test
    void argumentsOverTheFrameLimit_failUnexecuted_namingTheKey() {
        Courier provider = start(Environments.builder().export(new FriendlyGreeter()));
        Courier consumer = start(Environments.builder().property("courier.protocol.max-frame-length", "128"));
        Greeter greeter = consumer.reference(Greeter.class, direct(provider).build());

        RpcException failure = callFailure(() -> greeter.greet("x".repeat(1_000)));

        assertThat(failure.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage())
                .contains("request body over the limit of 128 bytes")
                .contains("courier.protocol.max-frame-length");
        assertThat(greeter.greet("small")).isEqualTo("Hello, small");
    }

    @Test
    void useAfterClose_saysTheApplicationIsClosed() {
        Courier provider = start(Environments.builder().export(new FriendlyGreeter()));
        Courier consumer = Environments.builder().application("shop").start();
        Greeter greeter = consumer.reference(Greeter.class, direct(provider).build());
        assertThat(greeter.greet("x")).isEqualTo("Hello, x");

        consumer.close();

        assertThatThrownBy(
                        () -> consumer.reference(Greeter.class, direct(provider).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Courier application 'shop' is closed");
        // A closed application refuses calls on its old proxies before sending anything.
        RpcException failure = callFailure(() -> greeter.greet("x"));
        assertThat(failure.code()).isEqualTo(ErrorCode.CLOSED);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage()).contains("the application is closing; the call was not sent");
    }
}
