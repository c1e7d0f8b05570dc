package io.courier.console;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.registry.zookeeper.internal.DocumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console's page can see and do, independent of HTTP: read the registry, change a service's
 * configuration (an edited document, a rollback, a weight, an offline or online switch) through the
 * {@link ConfigStore}, and make test calls. A switch edits the document in force and writes it back
 * conditionally, retrying a few times when another change got there first.
 */
final class Operations {

    private static final int SWITCH_ATTEMPTS = 3;

    private final RegistryView registry;
    private final ConfigStore configs;
    private final TestCalls calls;

    Operations(RegistryView registry, ConfigStore configs, TestCalls calls) {
        this.registry = registry;
        this.configs = configs;
        this.calls = calls;
    }

    List<RegistryView.ServiceRow> services() throws Exception {
        return registry.services();
    }

    Map<String, Object> service(ServiceKey key) throws Exception {
        ConfigStore.Current current = configs.current(key);
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("key", key.toString());
        service.put("providers", registry.providers(key, current.config(), System.currentTimeMillis()));
        service.put("consumers", registry.consumers(key));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("document", current.text());
        config.put("version", current.version());
        config.put("defect", current.defect());
        service.put("config", config);
        service.put("methods", methods(key));
        return service;
    }

    List<ConfigStore.Revision> history(ServiceKey key) throws Exception {
        return configs.history(key);
    }

    /** The diff from revision {@code from} to revision {@code to} (the document in force when absent). */
    Map<String, Object> diff(ServiceKey key, long from, String to) throws Exception {
        ConfigStore.Revision before = configs.revision(key, from)
                .orElseThrow(() -> new Exchanges.Problem(404, "no revision " + from + " of " + key));
        String after;
        if (to == null || to.isEmpty() || to.equals("current")) {
            after = configs.current(key).text();
        } else if (to.matches("[0-9]{1,10}")) {
            after = configs.revision(key, Long.parseLong(to))
                    .orElseThrow(() -> new Exchanges.Problem(404, "no revision " + to + " of " + key))
                    .document();
        } else {
            throw new Exchanges.Problem(400, "to: '" + to + "' (expected: a revision number or current)");
        }
        return Map.of(
                "from",
                from,
                "to",
                to == null || to.isEmpty() ? "current" : to,
                "lines",
                LineDiff.diff(before.document(), after));
    }

    ConfigStore.Revision edit(ServiceKey key, String document, int version, String who) throws Exception {
        return configs.write(key, document, version, who, "edit");
    }

    ConfigStore.Revision rollback(ServiceKey key, long revision, String who) throws Exception {
        ConfigStore.Revision target = configs.revision(key, revision)
                .orElseThrow(() -> new Exchanges.Problem(404, "no revision " + revision + " of " + key));
        ConfigStore.Current current = configs.current(key);
        return configs.write(key, target.document(), current.version(), who, "rollback to r" + revision);
    }

    ConfigStore.Revision weight(ServiceKey key, String address, Integer weight, String who) throws Exception {
        Endpoint endpoint = endpoint(address);
        return change(
                key,
                config -> ConfigDocument.withWeight(config, endpoint, weight),
                who,
                "weight " + endpoint + " = " + (weight == null ? "registered" : weight));
    }

    ConfigStore.Revision offline(ServiceKey key, String address, boolean offline, String who) throws Exception {
        Endpoint endpoint = endpoint(address);
        return change(
                key,
                config -> ConfigDocument.withOffline(config, endpoint, offline),
                who,
                (offline ? "offline " : "online ") + endpoint);
    }

    Map<String, Object> call(ServiceKey key, String method, String arguments, String who) throws Exception {
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

    private interface Edit {
        DynamicConfig apply(DynamicConfig config);
    }

    private ConfigStore.Revision change(ServiceKey key, Edit edit, String who, String what) throws Exception {
        for (int attempt = 1; ; attempt++) {
            ConfigStore.Current current = configs.current(key);
            if (current.defect() != null) {
                throw new Exchanges.Problem(
                        409, "the document in force is invalid (" + current.defect() + "); fix it in the editor first");
            }
            String document = ConfigDocument.render(edit.apply(current.config()));
            try {
                return configs.write(key, document, current.version(), who, what);
            } catch (ConfigStore.ConflictException e) {
                if (attempt == SWITCH_ATTEMPTS) {
                    throw e;
                }
            }
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

    private static Endpoint endpoint(String address) throws DocumentException {
        try {
            return Endpoint.parse(address);
        } catch (IllegalArgumentException e) {
            throw new DocumentException("address: '" + address + "' (expected: host:port)");
        }
    }
}
