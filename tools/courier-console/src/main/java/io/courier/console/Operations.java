package io.courier.console;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.config.ConfigCentre;
import io.courier.config.ConfigException;
import io.courier.config.ConfigScope;
import io.courier.config.ConfigVersion;
import io.courier.config.InvalidConfigException;
import io.courier.protocol.json.ServiceMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's page can see and do, independent of HTTP: the registry's services, providers
 * and consumers, and each service's document in the configuration centre ({@link ConfigCentre},
 * service scope of the console's environment): edit, validate, diff, history, rollback, weight and
 * offline/online switches, every change a version that records who made it; and test calls.
 *
 * <p>Version 0 stands for "no document": the history offers it while the first version is still
 * kept, and rolling back to it empties the document, so the registered weights apply again.
 */
final class Operations {

    static final int HISTORY_SHOWN = 50;

    /** One row of the history table. */
    record Revision(long revision, String who, long when, String what) {}

    private final ConfigCentre centre; // null on a registry that offers discovery only
    private final String unavailable;
    private final String environment;
    private final RegistryView registry;
    private final TestCalls calls;

    /**
     * @param centre the configuration centre, or null where the registry keeps none
     * @param unavailable why there is no centre, in the registry's words (null when there is one)
     */
    Operations(ConfigCentre centre, String unavailable, String environment, RegistryView registry, TestCalls calls) {
        this.centre = centre;
        this.unavailable = unavailable;
        this.environment = environment;
        this.registry = registry;
        this.calls = calls;
    }

    /** Why the registry offers no configuration centre, catalog or consumers; empty when it does. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    List<RegistryView.ServiceRow> services() throws Exception {
        List<RegistryView.ServiceRow> rows = new ArrayList<>();
        for (ServiceKey key : registry.services()) {
            rows.add(registry.row(key, registry.providers(key).size()));
        }
        return rows;
    }

    Map<String, Object> service(ServiceKey key) throws Exception {
        Optional<ConfigVersion> current = centre == null ? Optional.empty() : centre.current(ConfigScope.service(key));
        String text = current.map(ConfigVersion::text).orElse("");
        DynamicConfig config = DynamicConfig.EMPTY;
        String defect = null;
        try {
            config = centre == null ? config : centre.parse(ConfigScope.service(key), text);
        } catch (InvalidConfigException e) {
            defect = e.problem(); // consumers keep the last good document; the page shows why
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("key", key.toString());
        service.put("providers", RegistryView.providers(registry.providers(key), config, System.currentTimeMillis()));
        service.put("consumers", registry.consumers(key));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("document", text);
        document.put("version", current.map(ConfigVersion::number).orElse(0L));
        document.put("defect", defect);
        document.put("environment", environment);
        document.put("unavailable", unavailable);
        service.put("config", document);
        service.put("methods", methods(key));
        return service;
    }

    /**
     * The configuration centre.
     *
     * @throws Exchanges.Problem 501, in the registry's words, where the registry keeps no configuration
     */
    private ConfigCentre centre() throws Exchanges.Problem {
        if (centre == null) {
            throw new Exchanges.Problem(501, unavailable);
        }
        return centre;
    }

    /** The application's document and declared keys ({@link SettingsView}). */
    Map<String, Object> application(String name) throws Exchanges.Problem {
        return SettingsView.of(centre(), ConfigScope.application(name), environment);
    }

    List<Revision> history(ConfigScope scope) throws Exchanges.Problem {
        List<Revision> rows = new ArrayList<>();
        for (ConfigVersion version : centre().history(scope, HISTORY_SHOWN)) {
            rows.add(revision(version));
        }
        if (!rows.isEmpty() && rows.get(rows.size() - 1).revision() == 1) {
            rows.add(new Revision(0, "", 0, "no document"));
        }
        return rows;
    }

    /** The lines that changed from version {@code from} to the version in force. */
    Map<String, Object> diff(ConfigScope scope, long from) throws Exchanges.Problem {
        long to = centre().current(scope).map(ConfigVersion::number).orElse(0L);
        try {
            return Map.of(
                    "from",
                    from,
                    "to",
                    to,
                    "lines",
                    centre().diff(scope, from, to).lines());
        } catch (ConfigException e) {
            throw new Exchanges.Problem(404, e.getMessage());
        }
    }

    Optional<String> validate(ConfigScope scope, String document) throws Exchanges.Problem {
        return centre().validate(scope, document);
    }

    Revision edit(ConfigScope scope, String document, long version, String who) throws Exchanges.Problem {
        return revision(centre().write(scope, document, who, "edited in the console", version));
    }

    Revision rollback(ConfigScope scope, long revision, String who) throws Exchanges.Problem {
        if (revision == 0) {
            return revision(
                    centre().write(scope, "", who, "rollback to version 0 (no document)", ConfigCentre.ANY_VERSION));
        }
        try {
            centre().version(scope, revision);
        } catch (ConfigException e) {
            throw new Exchanges.Problem(404, e.getMessage());
        }
        return revision(centre().rollback(scope, revision, who));
    }

    Revision weight(ServiceKey key, String address, Integer weight, String who) throws Exchanges.Problem {
        return revision(centre().weight(key, endpoint(address), weight, who));
    }

    Revision offline(ServiceKey key, String address, boolean offline, String who) throws Exchanges.Problem {
        Endpoint endpoint = endpoint(address);
        return revision(offline ? centre().offline(key, endpoint, who) : centre().online(key, endpoint, who));
    }

    /** The version in force after a switch; version 0 when the service still has no document. */
    private static Revision revision(Optional<ConfigVersion> version) {
        return version.map(Operations::revision).orElse(new Revision(0, "", 0, "no document"));
    }

    private static Revision revision(ConfigVersion version) {
        return new Revision(
                version.number(), version.author(), version.instant().toEpochMilli(), version.comment());
    }

    Map<String, Object> call(ServiceKey key, String method, String arguments) throws Exception {
        long start = System.nanoTime();
        try {
            String result = calls.call(key, method, arguments);
            return Map.of("ok", true, "result", result, "millis", (System.nanoTime() - start) / 1_000_000);
        } catch (io.courier.bootstrap.ConfigurationException e) {
            throw new Exchanges.Problem(404, e.getMessage());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return Map.of(
                    "ok",
                    false,
                    "error",
                    cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    "millis",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private List<Map<String, Object>> methods(ServiceKey key) {
        List<Map<String, Object>> methods = new ArrayList<>();
        calls.metadata(key).ifPresent(metadata -> {
            for (ServiceMetadata.MethodMetadata method : metadata.methods()) {
                methods.add(Map.of(
                        "name", method.name(),
                        "descriptor", method.descriptor(),
                        "parameters",
                                method.parameters().stream()
                                        .map(ServiceMetadata.ParameterMetadata::name)
                                        .toList()));
            }
        });
        return methods;
    }

    private static Endpoint endpoint(String address) throws Exchanges.Problem {
        try {
            return Endpoint.parse(address);
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Problem(400, "address: '" + address + "' (expected: host:port)");
        }
    }
}
