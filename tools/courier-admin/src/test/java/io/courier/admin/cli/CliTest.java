package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.document.InstanceCodec;
import io.courier.registry.zookeeper.internal.Layout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** courier-admin's main, run in-process against a real ZooKeeper: output and exit status of every command. */
@Timeout(60)
class CliTest {

    private static final ServiceKey INVENTORY = ServiceKey.parse("shop/io.shop.Inventory:1.0");
    private static final Endpoint FIRST = Endpoint.of("127.0.0.1", 20880);
    private static final Endpoint SECOND = Endpoint.of("127.0.0.1", 20881);

    private static TestingServer server;
    private static CuratorFramework client;
    private static int environments;

    @TempDir
    Path files;

    private String environment;

    @BeforeAll
    static void start() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        Layout layout = new Layout("/courier");
        for (Endpoint endpoint : Set.of(FIRST, SECOND)) {
            ServiceInstance instance = ServiceInstance.builder(INVENTORY, endpoint)
                    .application("inventory")
                    .weight(100)
                    .tags(Set.of("blue"))
                    .build();
            client.create()
                    .creatingParentsIfNeeded()
                    .forPath(layout.provider(INVENTORY, endpoint), InstanceCodec.encode(instance));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    /** The outcome of one run: exit status, stdout, stderr. */
    private record Run(int status, String out, String err) {}

    private Run piped(String stdin, String... args) {
        if (environment == null) {
            environment = "cli" + (++environments);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(
                "COURIER_REGISTRY_ADDRESS",
                "zookeeper://" + server.getConnectString(),
                "COURIER_ENVIRONMENT",
                environment,
                "USER",
                "alice");
        int status = Cli.run(
                args,
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return piped("", args);
    }

    @Test
    void servicesAndProviders_listTheRegistry() {
        assertThat(run("services")).isEqualTo(new Run(0, INVENTORY + "\n", ""));

        Run providers = run("providers", INVENTORY.toString());

        assertThat(providers.status()).isZero();
        assertThat(providers.out())
                .isEqualTo("ENDPOINT\tAPPLICATION\tWEIGHT\tTAGS\tSTATE\n"
                        + "127.0.0.1:20880\tinventory\t100\tblue\tonline\n"
                        + "127.0.0.1:20881\tinventory\t100\tblue\tonline\n");
    }

    @Test
    void configSetGetHistoryDiffRollback_roundTrip() throws IOException {
        Path first = Files.writeString(files.resolve("first.yaml"), "version: 1\ntimeoutMillis: 800\n");
        String scope = "service:" + INVENTORY;

        assertThat(run("config", "set", scope, first.toString(), "--comment", "slow disks"))
                .isEqualTo(new Run(0, "version 1 of " + scope + " written in environment " + environment + "\n", ""));
        assertThat(piped("version: 1\ntimeoutMillis: 500\n", "config", "set", scope, "-", "--expect", "1")
                        .status())
                .isZero();
        assertThat(run("config", "get", scope)).isEqualTo(new Run(0, "version: 1\ntimeoutMillis: 500\n", ""));
        assertThat(run("config", "get", scope, "--version", "1").out()).isEqualTo("version: 1\ntimeoutMillis: 800\n");
        assertThat(run("config", "history", scope).out())
                .startsWith("VERSION\tINSTANT\tAUTHOR\tCOMMENT\n2\t")
                .contains("\talice\t\n1\t")
                .endsWith("\talice\tslow disks\n");
        assertThat(run("config", "diff", scope).out())
                .isEqualTo("--- " + scope + " v1\n+++ " + scope
                        + " v2\n version: 1\n-timeoutMillis: 800\n+timeoutMillis: 500\n");
        assertThat(run("config", "rollback", scope, "1").out())
                .isEqualTo("version 3 of " + scope + " written: rollback to version 1\n");
        assertThat(run("config", "get", scope).out()).isEqualTo("version: 1\ntimeoutMillis: 800\n");
        assertThat(run("config", "scopes").out()).isEqualTo(scope + "\n");
    }

    @Test
    void invalidDocumentsAndConflicts_exitWith1_andWriteNothing() {
        String scope = "application:shop";
        assertThat(piped("version: 1\nretries: 1\n", "config", "set", scope, "-")
                        .status())
                .isZero();

        Run negative = piped("version: 1\ntimeoutMillis: -5\n", "config", "set", scope, "-");
        Run unknown = piped("version: 1\ntimeout: 5\n", "config", "validate", scope, "-");
        Run stale = piped("version: 1\nretries: 2\n", "config", "set", scope, "-", "--expect", "0");

        assertThat(negative.status()).isEqualTo(1);
        assertThat(negative.err())
                .contains("courier.consumer.timeout-millis: '-5' (expected: an integer >= 1)"
                        + " [document field config.timeoutMillis]");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("config.timeout: unknown field");
        assertThat(stale.status()).isEqualTo(1);
        assertThat(stale.err()).contains("expected version 0, current is 1");
        assertThat(piped("version: 1\nretries: 2\n", "config", "validate", scope, "-"))
                .isEqualTo(new Run(0, "valid\n", ""));
        assertThat(run("config", "get", scope).out()).isEqualTo("version: 1\nretries: 1\n");
        assertThat(run("config", "get", "application:nobody"))
                .isEqualTo(new Run(
                        1,
                        "",
                        "courier-admin: no document for application:nobody in environment " + environment + "\n"));
    }

    @Test
    void offlineAndOnline_writeTheServiceDisabledList_andProvidersShowIt() {
        Run offline = run("offline", FIRST.toString());

        assertThat(offline)
                .isEqualTo(new Run(
                        0, "offline " + FIRST + " for " + INVENTORY + " in environment " + environment + "\n", ""));
        assertThat(run("providers", INVENTORY.toString()).out())
                .contains(FIRST + "\tinventory\t100\tblue\toffline\n")
                .contains(SECOND + "\tinventory\t100\tblue\tonline\n");
        assertThat(run("config", "get", "service:" + INVENTORY).out())
                .contains("disabled")
                .contains(FIRST.toString());

        assertThat(run("online", FIRST.toString(), "--service", INVENTORY.toString())
                        .status())
                .isZero();
        assertThat(run("providers", INVENTORY.toString()).out()).doesNotContain("offline");
        assertThat(run("config", "history", "service:" + INVENTORY).out())
                .contains("alice\tonline " + FIRST)
                .contains("alice\toffline " + FIRST);
    }

    @Test
    void offline_ofAnAddressWithoutProviders_exitsWith1() {
        Run run = run("offline", "127.0.0.1:1");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no provider is registered at 127.0.0.1:1");
    }

    @Test
    void usageErrors_exitWith2_andPrintTheUsage() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("launch").err()).contains("unknown command 'launch'").contains("usage: courier-admin");
        assertThat(run("launch").status()).isEqualTo(2);
        assertThat(run("config", "get", "application: shop").status()).isEqualTo(2);
        assertThat(run("config", "history", "application:shop", "--limit", "0").err())
                .contains("--limit: '0' (expected: 1 to 1000)");
        assertThat(run("--env", "Prod", "services").err()).contains("environment: 'Prod'");
        assertThat(run("help")).satisfies(help -> {
            assertThat(help.status()).isZero();
            assertThat(help.out()).contains("config rollback SCOPE VERSION");
        });
    }

    @Test
    void registryOption_takesTheAddressWithItsScheme_andAnUnknownSchemeIsAUsageError() {
        assertThat(run("--registry", "zookeeper://" + server.getConnectString(), "services"))
                .isEqualTo(new Run(0, INVENTORY + "\n", ""));

        Run unknown = run("--registry", "nowhere://127.0.0.1:1", "services");

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("nowhere://127.0.0.1:1").contains("zookeeper");
    }

    @Test
    void unreachableZooKeeper_exitsWith1() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = run("--zookeeper", "127.0.0.1:" + closedPort, "--connect-timeout-millis", "500", "services");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("not reachable within 500 ms");
    }
}
