package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.config.AppSettings;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.RegistryKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One application's own settings over a real registry store, written by courier-admin (in-process,
 * {@link Cli#run}) and by hand past the centre; each registry's test class starts one server and runs
 * this scenario on it.
 */
abstract class AppSettingsContract {

    static final String APPLICATION = "shop";
    private static final ConfigKey<Integer> DISCOUNT = ConfigKey.application(
            "shop.discount-percent", io.courier.api.config.ValueType.integer(0, 100), 0, "discount");
    private static final ConfigKey<String> TOKEN = ConfigKey.application(
            "shop.api-token", io.courier.api.config.ValueType.secretText(), "", "the payment provider's token");
    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    @TempDir
    Path directory;

    /** The registry's address, {@code zookeeper://...} or {@code etcd://...}. */
    abstract String address();

    /** A fresh environment per test: the tests share one server. */
    final String environment = "settings" + ENVIRONMENTS.incrementAndGet();

    Courier start(SimpleMeterRegistry meters, Map<String, String> properties) {
        var builder = Courier.builder()
                .application(APPLICATION)
                .registry(address())
                .property(RegistryKeys.ENVIRONMENT.name(), environment)
                .property(
                        RegistryKeys.REGISTRY_CACHE_FILE.name(),
                        directory.resolve("registry.cache").toString())
                .shutdownHook(false)
                .settings(ShopSettings.class)
                .setting(DISCOUNT)
                .setting(TOKEN)
                .meterRegistry(meters);
        properties.forEach(builder::property);
        return builder.start();
    }

    /** {@code courier-admin config set application:shop -}, the document on stdin; its exit status. */
    int adminSet(String document) {
        Run run = admin(document, "config", "set", "application:" + APPLICATION, "-");
        assertThat(run.status()).as(run.err()).isZero();
        return run.status();
    }

    /** What one courier-admin run printed. */
    record Run(int status, String out, String err) {}

    /** {@code courier-admin ARGS} against this test's registry and environment, {@code stdin} on stdin. */
    Run admin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                Map.of("COURIER_REGISTRY_ADDRESS", address(), "COURIER_ENVIRONMENT", environment, "USER", "test"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code document} straight into the store, past the centre's checks, as a hand edit would. */
    void writeByHand(String document) {
        try (RegistryStore store = RegistryStore.open(
                RegistryOptions.builder(address()).environment(environment).build())) {
            DocumentKey key = DocumentKey.application(environment, APPLICATION);
            List<Long> versions = store.documents().versions(key);
            long next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
            store.documents().write(key, new DocumentVersion(next, "zkCli", Instant.now(), "", document), 20);
        }
    }

    /** When the version in force was written, as its writer stamped it. */
    Instant writtenAt() {
        try (RegistryStore store = RegistryStore.open(
                RegistryOptions.builder(address()).environment(environment).build())) {
            return store.documents()
                    .current(DocumentKey.application(environment, APPLICATION))
                    .orElseThrow()
                    .instant();
        }
    }

    static String shop(int discount, boolean newCheckout) {
        return "version: 1\nsettings:\n  shop:\n    discount-percent: " + discount + "\n    payment-timeout: "
                + discount + "s\n    new-checkout: " + newCheckout + "\n";
    }

    @Test
    void declaredKeys_arePublished_andCourierAdminRefusesWhatTheyRefuse_writingNothing() throws Exception {
        try (Courier courier = start(new SimpleMeterRegistry(), Map.of())) {
            try (RegistryStore store = RegistryStore.open(
                    RegistryOptions.builder(address()).environment(environment).build())) {
                KeyDeclarations published = KeyDeclarations.decode(store.documents()
                        .declarations(DocumentKey.application(environment, APPLICATION))
                        .orElseThrow());
                assertThat(published.find("shop.discount-percent"))
                        .contains(new KeyDeclaration(
                                "shop.discount-percent",
                                "int",
                                "an integer 0 to 100",
                                "0",
                                "discount on every order, in %",
                                false,
                                "int:0:100"));
                assertThat(published.find("shop.api-token").orElseThrow().secret())
                        .isTrue();
                assertThat(published.open()).isFalse();
            }
            String secret = "tok-7f3a9c";
            adminSet("version: 1\nsettings:\n  shop:\n    discount-percent: 20\n    api-token: " + secret + "\n");
            Supplier<ShopSettings> shop = courier.settings().bind(ShopSettings.class);
            await().atMost(Duration.ofSeconds(1)).until(() -> shop.get().discountPercent() == 20);
            assertThat(courier.settings().get(TOKEN)).isEqualTo(secret);
            String before =
                    admin("", "config", "get", "application:" + APPLICATION).out();

            Run misspelt = admin(
                    "version: 1\nsettings:\n  shop.discount-percnt: 30\n", "config", "set", "application:shop", "-");
            assertThat(misspelt.status()).isEqualTo(Cli.FAILED);
            assertThat(misspelt.err())
                    .contains("shop.discount-percnt: not a key the application declares")
                    .contains("did you mean shop.discount-percent?");
            Run outOfRange = admin(
                    "version: 1\nsettings:\n  shop.discount-percent: 150\n", "config", "set", "application:shop", "-");
            assertThat(outOfRange.status()).isEqualTo(Cli.FAILED);
            assertThat(outOfRange.err())
                    .contains("shop.discount-percent: '150' (expected: an integer 0 to 100)"
                            + " [document field settings.shop.discount-percent]");
            Run maskWrittenBack = admin(before, "config", "set", "application:shop", "-");
            assertThat(maskWrittenBack.err()).contains("shop.api-token: '<hidden>' (expected: the secret itself");
            // nothing was written: the same version and text, and the application kept its values
            Run after = admin("", "config", "get", "application:" + APPLICATION);
            assertThat(after.out()).isEqualTo(before);
            assertThat(admin("", "config", "history", "application:shop").out().lines())
                    .hasSize(2);
            assertThat(shop.get().discountPercent()).isEqualTo(20);

            // operators see the declaration beside the value, and never the secret
            Run keys = admin("", "config", "keys", "application:shop");
            assertThat(keys.out())
                    .contains("shop.discount-percent\tint\tan integer 0 to 100\t0\t20\tdiscount on every order, in %")
                    .contains("shop.api-token\tsecret\tany text\t<hidden>\t<hidden>\tthe payment provider's token")
                    .doesNotContain(secret);
            assertThat(before).contains("api-token: <hidden>").doesNotContain(secret);
            adminSet("version: 1\nsettings:\n  shop:\n    discount-percent: 21\n    api-token: other-secret\n");
            assertThat(admin("", "config", "diff", "application:shop").out())
                    .contains("+    discount-percent: 21")
                    .doesNotContain(secret)
                    .doesNotContain("other-secret");
        }
    }

    @Test
    void boundRecord_followsTheCentre_atomically_andRefusesABadValue() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Courier courier = start(meters, Map.of(ApplicationKeys.ADMIN_PORT.name(), "0"));
                LogCapture warnings = new LogCapture("io.courier.bootstrap.internal.appconfig")) {
            AppSettings settings = courier.settings();
            Supplier<ShopSettings> shop = settings.bind(ShopSettings.class);
            assertThat(shop.get()).isEqualTo(new ShopSettings(0, Duration.ofSeconds(2), false));
            List<String> changes = new ArrayList<>();
            settings.onChange(DISCOUNT, (key, before, after) -> {
                synchronized (changes) {
                    changes.add(before + "->" + after);
                }
            });

            AtomicLong seenAt = new AtomicLong();
            settings.onChange(DISCOUNT, (key, before, after) -> seenAt.compareAndSet(0, System.currentTimeMillis()));
            adminSet(shop(20, true));
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> seenAt.get() != 0);
            // from the instant courier-admin stamped on the version it wrote to the listener's call
            long latency = seenAt.get() - writtenAt().toEpochMilli();
            System.out.println(
                    "[app-settings] " + address().substring(0, address().indexOf(':'))
                            + ": written by courier-admin, seen by the application " + latency + " ms later");
            assertThat(latency).isLessThan(1000);
            assertThat(shop.get()).isEqualTo(new ShopSettings(20, Duration.ofSeconds(20), true));
            assertThat(settings.get(DISCOUNT)).isEqualTo(20);

            readersNeverSeeAMix(shop);

            ShopSettings before = shop.get();
            writeByHand("version: 1\nsettings:\n  shop.discount-percent: 150\n  shop.payment-timeout: 25s\n"
                    + "  shop.new-checkout: false\n");
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> meters.get("courier.settings.rejected")
                                    .functionCounter()
                                    .count()
                            == 1.0);
            assertThat(shop.get()).isEqualTo(before);
            assertThat(warnings.messages("WARN"))
                    .singleElement()
                    .asString()
                    .contains("shop.discount-percent: '150' (expected: an integer 0 to 100)");
            // the admin endpoint shows the refused value beside the configuration
            HttpResponse<String> config = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + courier.adminPort().orElseThrow() + "/config"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains("\"rejectedSettings\":{\"shop.discount-percent\":\"'150'\"}");
            // one call per change of the key: 0->20, then the five writes the readers saw
            await().atMost(Duration.ofSeconds(1)).until(() -> {
                synchronized (changes) {
                    return changes.size() >= 6;
                }
            });
            synchronized (changes) {
                assertThat(changes).containsExactly("0->20", "20->21", "21->22", "22->23", "23->24", "24->25");
            }
        }
    }

    /** 1,000 threads read the record while the document changes; each record is one document's. */
    private void readersNeverSeeAMix(Supplier<ShopSettings> shop) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<ShopSettings> mixed = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(1000);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Thread reader = new Thread(() -> {
                ready.countDown();
                while (!stop.get()) {
                    ShopSettings seen = shop.get();
                    if (seen.paymentTimeout().toSeconds() != seen.discountPercent()
                            || seen.newCheckout() != (seen.discountPercent() % 2 == 0)) {
                        mixed.compareAndSet(null, seen);
                    }
                    reads.incrementAndGet();
                    // not a spin: 1,000 spinning threads would starve the registry on a small machine
                    LockSupport.parkNanos(50_000_000);
                }
            });
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        ready.await();
        for (int discount = 21; discount <= 25; discount++) {
            int expected = discount;
            adminSet(shop(discount, discount % 2 == 0));
            await().atMost(Duration.ofSeconds(1)).until(() -> shop.get().discountPercent() == expected);
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        assertThat(mixed.get()).as("a record mixing two documents").isNull();
        assertThat(reads.get()).isGreaterThan(1000);
    }
}
