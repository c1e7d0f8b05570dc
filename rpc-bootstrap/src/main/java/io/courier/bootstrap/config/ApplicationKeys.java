package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.protocol.serialization.ClassAllowList;
import java.nio.file.Path;
import java.util.List;

/**
 * The application's own keys: its name, scanning, proxies, shutdown, and the admin endpoint.
 * Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class ApplicationKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- bootstrap ---
    public static final ConfigKey<Path> CONFIG = KEYS.define(
            "courier.config",
            ValueType.path(),
            null,
            "(none)",
            "A properties file read instead of courier.properties on the class path; set by the builder, a system"
                    + " property or the environment only.");
    public static final ConfigKey<String> APPLICATION_NAME = KEYS.define(
            "courier.application.name",
            ValueType.nonEmpty("a non-empty application name"),
            "courier",
            "courier",
            "The application's name: registered with each provider instance and shown in logs.");
    public static final ConfigKey<List<String>> SCAN_PACKAGES = KEYS.define(
            "courier.scan.packages",
            ValueType.packages(),
            List.of(),
            "(empty)",
            "Packages (with their sub-packages) scanned at start for @Export classes.");
    public static final ConfigKey<String> PROXY = KEYS.define(
            "courier.proxy",
            ValueType.extensionName(),
            "javassist",
            "javassist",
            "The ProxyFactory extension building consumer proxies and provider dispatchers: javassist or jdk.");
    public static final ConfigKey<List<String>> ALLOWED_PACKAGES = KEYS.list(ClassAllowList.ALLOWED_PACKAGES);
    public static final ConfigKey<Boolean> SHUTDOWN_HOOK = KEYS.define(
            "courier.shutdown.hook",
            ValueType.bool(),
            true,
            "true",
            "Whether start() registers a JVM shutdown hook that closes the application.");
    public static final ConfigKey<Long> SHUTDOWN_TIMEOUT_MILLIS = KEYS.define(
            "courier.shutdown.timeout-millis",
            ValueType.longInteger(1, 3_600_000),
            10_000L,
            "10000",
            "How long close() lets in-flight calls finish before it closes connections.");
    public static final ConfigKey<Long> SHUTDOWN_UNREGISTER_WAIT_MILLIS = KEYS.define(
            "courier.shutdown.unregister-wait-millis",
            ValueType.longInteger(0, 3_600_000),
            2_000L,
            "2000",
            "How long close() waits, after leaving the registry, for consumers to close their connections before it"
                    + " tells the rest it is going away; part of courier.shutdown.timeout-millis.");

    // --- admin endpoint (docs/operations.md) ---
    public static final ConfigKey<Integer> ADMIN_PORT = KEYS.define(
            "courier.admin.port",
            ValueType.integer(0, 65535),
            null,
            "(off)",
            "The admin endpoint's port (health probes, services, references, config, metrics, offline and online);"
                    + " off unless set; 0 picks a free one.");
    public static final ConfigKey<String> ADMIN_HOST = KEYS.define(
            "courier.admin.host",
            ValueType.nonEmpty("an address to bind, such as 127.0.0.1"),
            "127.0.0.1",
            "127.0.0.1",
            "The admin endpoint's bind address; the default lets only this machine reach it.");
    public static final ConfigKey<String> ADMIN_TOKEN = KEYS.define(
            "courier.admin.token",
            ValueType.secretText(),
            "",
            "(empty)",
            "The bearer token POST /offline and /online must carry; empty refuses every state change.");

    private ApplicationKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}
