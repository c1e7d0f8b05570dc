package io.courier.bootstrap.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.ServerOptions;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.ServerKeys;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String PORT = "courier.server.port";

    @TempDir
    Path dir;

    @Test
    void precedence_builderBeatsSystemPropertiesBeatEnvironmentBeatsFile() throws IOException {
        ClassLoader withFile = classPathWith("courier.server.port=2004\n");
        Map<String, String> env = Map.of("COURIER_SERVER_PORT", "2003");
        Map<String, String> system = Map.of(PORT, "2002");

        assertThat(port(load(Map.of(PORT, "2001"), system, env, withFile))).isEqualTo(2001);
        assertThat(port(load(Map.of(), system, env, withFile))).isEqualTo(2002);
        assertThat(port(load(Map.of(), Map.of(), env, withFile))).isEqualTo(2003);
        assertThat(port(load(Map.of(), Map.of(), Map.of(), withFile))).isEqualTo(2004);
        assertThat(port(load(Map.of(), Map.of(), Map.of(), empty()))).isEqualTo(20880);
    }

    @Test
    void precedence_isPerKey_soSourcesCombine() throws IOException {
        Settings settings = load(
                Map.of("courier.application.name", "shop"),
                Map.of("courier.server.threads", "7"),
                Map.of("COURIER_SERVER_IO_THREADS", "3"),
                classPathWith("courier.server.port=0\n"));

        CourierOptions options = CourierOptions.from(settings);

        assertThat(options.application()).isEqualTo("shop");
        assertThat(options.server().port()).isZero();
        assertThat(options.server().threads()).isEqualTo(7);
        assertThat(options.server().ioThreads()).isEqualTo(3);
    }

    @Test
    void environment_variableNameIsKeyInUpperCaseWithUnderscores() {
        assertThat(ServerKeys.SERVER_IO_THREADS.environmentName()).isEqualTo("COURIER_SERVER_IO_THREADS");
        assertThat(ServerKeys.SERVER_PORT.environmentName()).isEqualTo("COURIER_SERVER_PORT");
        assertThat(ApplicationKeys.CONFIG.environmentName()).isEqualTo("COURIER_CONFIG");
    }

    @Test
    void configFile_isReadInsteadOfTheClassPathFile() throws IOException {
        Path file = Files.writeString(dir.resolve("custom.properties"), "courier.server.port=3001\n");
        ClassLoader withFile = classPathWith("courier.server.port=2002\ncourier.server.threads=9\n");

        Settings settings = load(Map.of(), Map.of("courier.config", file.toString()), Map.of(), withFile);

        assertThat(port(settings)).isEqualTo(3001);
        assertThat(settings.get(ServerKeys.SERVER_THREADS)).isEqualTo(200);
    }

    @Test
    void configFile_fromEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("env.properties"), "courier.server.port=3002\n");

        Settings settings = load(Map.of(), Map.of(), Map.of("COURIER_CONFIG", file.toString()), empty());

        assertThat(port(settings)).isEqualTo(3002);
    }

    @Test
    void configFile_missing_failsNamingKeyAndValue() {
        String missing = dir.resolve("nope.properties").toString();

        assertThatThrownBy(() -> load(Map.of("courier.config", missing), Map.of(), Map.of(), empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.config: '" + missing + "' (expected: a readable properties file)");
    }

    @Test
    void configKeyInsideAPropertiesFile_isRefused() throws IOException {
        assertThatThrownBy(() -> load(Map.of(), Map.of(), Map.of(), classPathWith("courier.config=/x\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.config: set in courier.properties");
    }

    @Test
    void unknownKey_failsNamingKeyValueAndNearestKnownKey() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("courier.server.prot", "20880"), Map.of(), empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.server.prot: unknown key (value '20880'")
                .hasMessageContaining("did you mean courier.server.port?")
                .hasMessageContaining("[system property]");
    }

    @Test
    void unknownKeyInFile_namesTheFile() throws IOException {
        assertThatThrownBy(() -> load(Map.of(), Map.of(), Map.of(), classPathWith("courier.colour=blue\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.colour: unknown key (value 'blue'")
                .hasMessageContaining("courier.properties (file:");
    }

    @Test
    void unknownEnvironmentVariable_fails() {
        assertThatThrownBy(() -> load(Map.of(), Map.of(), Map.of("COURIER_SERVER_PROT", "1"), empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environment variable COURIER_SERVER_PROT: unknown key")
                .hasMessageContaining("did you mean COURIER_SERVER_PORT?");
    }

    @Test
    void otherSystemPropertiesAndVariables_areIgnored() {
        Settings settings =
                load(Map.of(), Map.of("java.version", "17", "courierx", "1"), Map.of("PATH", "/bin"), empty());

        assertThat(port(settings)).isEqualTo(20880);
    }

    @Test
    void invalidValue_namesKeyValueExpectationAndSource() {
        assertThatThrownBy(() -> load(Map.of(), Map.of(PORT, "abc"), Map.of(), empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.server.port: 'abc' (expected: an integer 0 to 65535) [system property]");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), Map.of("COURIER_SERVER_PORT", "70000"), empty()))
                .hasMessageContaining("courier.server.port: '70000' (expected: an integer 0 to 65535) "
                        + "[environment variable COURIER_SERVER_PORT]");
        assertThatThrownBy(() -> load(Map.of("courier.shutdown.hook", "yes"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.shutdown.hook: 'yes' (expected: true or false) [builder]");
        assertThatThrownBy(() -> load(Map.of("courier.provider.executor", "fast"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.provider.executor: 'fast' (expected: one of direct, pool, virtual)");
        assertThatThrownBy(() -> load(Map.of("courier.registry.root", "courier/"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.registry.root: 'courier/' (expected: an absolute path like /courier)");
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        ConfigurationException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ConfigurationException.class,
                () -> load(
                        Map.of(PORT, "-1"),
                        Map.of("courier.consumer.retries", "many", "courier.nope", "1"),
                        Map.of(),
                        empty()));

        assertThat(failure.problems()).hasSize(3);
        assertThat(failure.getMessage()).contains("3 problems");
    }

    @Test
    void misspeltFilterName_getsADidYouMean_forWholeAndPerMethodKeys() {
        Set<String> filters = Set.of("tenant", "rate-limit", "deadline");

        assertThatThrownBy(() -> new ConfigLoader(
                                new HashMap<>(Map.of("courier.filter.tenat.id", "acme")),
                                Map.of(),
                                Map.of(),
                                empty(),
                                filters)
                        .load())
                .hasMessageContaining("courier.filter.tenat.id: unknown filter in the key")
                .hasMessageContaining("did you mean courier.filter.tenant.id?");
        assertThatThrownBy(() -> new ConfigLoader(
                                new HashMap<>(Map.of("courier.filter.find(long).rate-limt.qps", "5")),
                                Map.of(),
                                Map.of(),
                                empty(),
                                filters)
                        .load())
                .hasMessageContaining("did you mean courier.filter.find(long).rate-limit.qps?");
        assertThatThrownBy(() -> new ConfigLoader(
                                new HashMap<>(Map.of("courier.service.com.example.UserService.filter.tenat.id", "a")),
                                Map.of(),
                                Map.of(),
                                empty(),
                                filters)
                        .load())
                .hasMessageContaining("did you mean courier.service.com.example.UserService.filter.tenant.id?");
    }

    @Test
    void misspeltServiceSuffix_getsADidYouMean() {
        assertThatThrownBy(() -> load(
                        Map.of("courier.service.com.example.UserService.retires", "1"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("did you mean courier.service.com.example.UserService.retries?");
        assertThatThrownBy(() -> load(
                        Map.of("courier.service.com.example.UserService.timeout", "1"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("did you mean courier.service.com.example.UserService.timeout-millis?");
    }

    @Test
    void secretValues_areNeverPrinted() {
        assertThatThrownBy(() -> load(Map.of("courier.registry.digest-auth", "hunter2"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.registry.digest-auth: '<hidden>' (expected: user:password or empty)")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> load(Map.of("courier.registry.digest-auht", "u:hunter2"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("did you mean courier.registry.digest-auth?")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void perServiceKey_overridesApplicationWideKeyForThatServiceOnly() {
        Settings settings = load(
                Map.of("courier.consumer.timeout-millis", "500"),
                Map.of("courier.service.com.example.UserService.timeout-millis", "100"),
                Map.of(),
                empty());

        assertThat(CourierOptions.consumerDefaults(settings, "com.example.UserService")
                        .timeoutMillis())
                .isEqualTo(100);
        assertThat(CourierOptions.consumerDefaults(settings, "com.example.OrderService")
                        .timeoutMillis())
                .isEqualTo(500);
    }

    @Test
    void perServiceKey_forProviderOptions() {
        Settings settings =
                load(Map.of("courier.service.com.example.UserService.weight", "7"), Map.of(), Map.of(), empty());

        assertThat(CourierOptions.providerDefaults(settings, "com.example.UserService")
                        .weight())
                .isEqualTo(7);
        assertThat(CourierOptions.providerDefaults(settings, "com.example.Other")
                        .weight())
                .isEqualTo(100);
    }

    @Test
    void perServiceKey_invalidValueOrUnknownSuffix_fails() {
        assertThatThrownBy(() -> load(Map.of("courier.service.a.B.retries", "x"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.service.a.B.retries: 'x' (expected: an integer 0 to 100)");
        assertThatThrownBy(() -> load(Map.of("courier.service.a.B.timeout", "1"), Map.of(), Map.of(), empty()))
                .hasMessageContaining(
                        "courier.service.a.B.timeout: unknown key (expected: courier.service.<interface>");
    }

    @Test
    void filterKeys_mustNameAFilterOnTheClassPath() {
        Map<String, String> builder = Map.of("courier.filter.rate-limit.qps", "10");

        Settings settings = new ConfigLoader(builder, Map.of(), Map.of(), empty(), Set.of("rate-limit")).load();
        assertThat(settings.text("courier.filter.rate-limit.qps")).contains("10");

        assertThatThrownBy(() -> new ConfigLoader(builder, Map.of(), Map.of(), empty(), Set.of("metrics")).load())
                .hasMessageContaining("courier.filter.rate-limit.qps: unknown filter in the key (expected:"
                        + " courier.filter.[<method>.]<filter>.<key> with a filter among metrics)");
        assertThatCode(() -> new ConfigLoader(
                                Map.of("courier.service.a.B.filter.metrics.enabled", "true"),
                                Map.of(),
                                Map.of(),
                                empty(),
                                Set.of("metrics"))
                        .load())
                .doesNotThrowAnyException();
    }

    @Test
    void filterKeys_mayNameAMethodFirst() {
        Map<String, String> builder = Map.of(
                "courier.filter.getUser(long).rate-limit.qps", "5",
                "courier.filter.find(java.lang.String,int).rate-limit.qps", "6",
                "courier.filter.getUser.rate-limit.burst", "7");

        Settings settings = new ConfigLoader(builder, Map.of(), Map.of(), empty(), Set.of("rate-limit")).load();

        assertThat(settings.text("courier.filter.find(java.lang.String,int).rate-limit.qps"))
                .contains("6");
        assertThatThrownBy(() -> new ConfigLoader(
                                Map.of("courier.filter.getUser.rate-limt.qps", "1"),
                                Map.of(),
                                Map.of(),
                                empty(),
                                Set.of("rate-limit"))
                        .load())
                .hasMessageContaining("courier.filter.getUser.rate-limt.qps: unknown filter in the key");
        assertThatThrownBy(() -> new ConfigLoader(
                                Map.of("courier.filter.rate-limit", "1"),
                                Map.of(),
                                Map.of(),
                                empty(),
                                Set.of("rate-limit"))
                        .load())
                .hasMessageContaining("courier.filter.rate-limit: unknown key (expected: courier.filter.[<method>.]");
    }

    @Test
    void defaults_matchTheApiRecordsDefaults() {
        CourierOptions options = CourierOptions.from(Settings.defaults());

        assertThat(options.consumerDefaults()).isEqualTo(ReferenceOptions.defaults());
        assertThat(options.providerDefaults()).isEqualTo(ServiceOptions.defaults());
        assertThat(options.server()).isEqualTo(ServerOptions.defaults());
        assertThat(options.registry()).isEmpty();
        assertThat(options.application()).isEqualTo("courier");
        assertThat(options.shutdownHook()).isTrue();
    }

    @Test
    void listValues_areCommaSeparatedAndTrimmed() {
        Settings settings =
                load(Map.of("courier.scan.packages", " com.example , org.shop,,"), Map.of(), Map.of(), empty());

        assertThat(settings.get(ApplicationKeys.SCAN_PACKAGES)).isEqualTo(List.of("com.example", "org.shop"));
        assertThatThrownBy(() -> load(Map.of("courier.scan.packages", "com/example"), Map.of(), Map.of(), empty()))
                .hasMessageContaining("courier.scan.packages: 'com/example' (expected: comma-separated Java package");
    }

    @Test
    void registry_isBuiltOnlyWhenAnAddressIsSet() {
        Settings settings = load(
                Map.of("courier.registry.address", "embedded", "courier.registry.session-timeout-millis", "4000"),
                Map.of(),
                Map.of(),
                empty());

        CourierOptions options = CourierOptions.from(settings);

        assertThat(options.registry()).hasValueSatisfying(registry -> {
            assertThat(registry.address()).isEqualTo("embedded");
            assertThat(registry.sessionTimeoutMillis()).isEqualTo(4000);
            assertThat(registry.root()).isEqualTo("/courier");
        });
    }

    private static int port(Settings settings) {
        return settings.get(ServerKeys.SERVER_PORT);
    }

    @Test
    void applicationKeys_readFromEverySource_inTheSameOrder_undeclaredRefusedWithASuggestion() throws IOException {
        ClassLoader withFile = classPathWith("shop.discount-percent=4\n");
        Map<String, String> env = Map.of("SHOP_DISCOUNT_PERCENT", "3");
        Map<String, String> system = Map.of("shop.discount-percent", "2");
        String key = "shop.discount-percent";

        assertThat(declaring(Map.of(key, "1"), system, env, withFile).text(key)).hasValue("1");
        assertThat(declaring(Map.of(), system, env, withFile).text(key)).hasValue("2");
        assertThat(declaring(Map.of(), Map.of(), env, withFile).origin(key))
                .isEqualTo("environment variable SHOP_DISCOUNT_PERCENT");
        assertThat(declaring(Map.of(), Map.of(), Map.of(), withFile).text(key)).hasValue("4");
        assertThatThrownBy(() -> declaring(Map.of(), Map.of(), Map.of(), classPathWith("shop.discount-percnt=4\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shop.discount-percnt: unknown key in courier.properties")
                .hasMessageContaining("did you mean shop.discount-percent?");
    }

    private static Settings declaring(
            Map<String, String> builder, Map<String, String> system, Map<String, String> env, ClassLoader loader) {
        return new ConfigLoader(new HashMap<>(builder), system, env, loader, Set.of())
                .declaring(Set.of("shop.discount-percent"))
                .load();
    }

    private static Settings load(
            Map<String, String> builder, Map<String, String> system, Map<String, String> env, ClassLoader loader) {
        return new ConfigLoader(new HashMap<>(builder), system, env, loader, Set.of()).load();
    }

    private ClassLoader classPathWith(String properties) throws IOException {
        Path root = Files.createDirectories(dir.resolve("cp"));
        Files.writeString(root.resolve("courier.properties"), properties);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private static ClassLoader empty() {
        return new URLClassLoader(new URL[0], null);
    }
}
