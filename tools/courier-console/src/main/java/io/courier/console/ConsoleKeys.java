package io.courier.console;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * The console runner's keys, {@code courier.console.*} (each also {@code --<name>} and
 * {@code COURIER_CONSOLE_<NAME>}), as {@link ConsoleMain} reads them. Declared to the
 * {@link io.courier.api.config.ConfigKeyRegistry} (in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}), so that the console's own
 * Courier application accepts them beside its keys instead of refusing them as unknown.
 */
public final class ConsoleKeys implements ConfigKeyCatalog {

    /** The prefix of the console's keys; {@code --port} on the command line stands for {@code courier.console.port}. */
    static final String PREFIX = "courier.console.";

    static final ConfigKey<String> REGISTRY = ConfigKey.of(
            PREFIX + "registry",
            ValueType.string(),
            "",
            "(required)",
            "The registry whose store the console reads and writes, e.g. zookeeper://127.0.0.1:2181; required unless courier.console.zookeeper is set.");
    static final ConfigKey<String> ZOOKEEPER = ConfigKey.of(
            PREFIX + "zookeeper",
            ValueType.string(),
            "",
            "(none)",
            "The older form of courier.console.registry: a ZooKeeper ensemble alone, host:port[,host:port].");
    static final ConfigKey<String> ROOT = ConfigKey.of(
            PREFIX + "root",
            ValueType.zooKeeperPath(),
            "/courier",
            "/courier",
            "The root path of Courier's nodes in the registry.");
    static final ConfigKey<String> HOST = ConfigKey.of(
            PREFIX + "host",
            ValueType.nonEmpty("a host name or IP address"),
            "127.0.0.1",
            "127.0.0.1",
            "The console's bind address; the default lets only this machine reach it.");
    static final ConfigKey<Integer> PORT =
            ConfigKey.of(PREFIX + "port", ValueType.integer(0, 65535), 8090, "8090", "The console's HTTP port.");
    static final ConfigKey<String> TOKEN = ConfigKey.of(
            PREFIX + "token",
            ValueType.secretText(),
            "",
            "(a random one, logged)",
            "The token a browser logs in with, at least 16 characters; a random one is made and logged when unset.");
    static final ConfigKey<String> ENVIRONMENT = ConfigKey.of(
            PREFIX + "environment",
            ValueType.nonEmpty("a configuration-centre environment name"),
            "default",
            "default",
            "The configuration centre's environment the console edits.");

    static final ConfigKey<List<String>> ADMIN_ENDPOINTS = ConfigKey.of(
            PREFIX + "admin-endpoints",
            ValueType.list(),
            List.of(),
            "(none)",
            "Admin endpoints (host:port, comma-separated) to poll beside those the providers name in the registry: the applications that only consume.");

    static final ConfigKey<List<String>> SERVICES = ConfigKey.of(
            PREFIX + "services",
            ValueType.list(),
            List.of(),
            "(none)",
            "Service keys ([group/]interface[:version], comma-separated) to show from discovery on a registry that keeps no catalog to list them from (eureka://, mdns://).");

    /** For {@link java.util.ServiceLoader}. */
    public ConsoleKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(REGISTRY, ZOOKEEPER, ROOT, HOST, PORT, TOKEN, ENVIRONMENT, ADMIN_ENDPOINTS, SERVICES);
    }
}
