package io.courier.deploy.kubernetes;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.deploy.kubernetes.Manifests.Tree;
import io.courier.deploy.kubernetes.Manifests.Workload;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the manifests must say for Courier, as a list of problems (empty when they are right), each
 * naming the file, the object and what was expected:
 *
 * <ul>
 *   <li>every variable a Courier container gets is a configuration key's ({@code COURIER_*}, known to
 *       the {@link ConfigKeyRegistry}), and every value written in the manifests parses as that key;
 *   <li>an application's probes ask the admin endpoint's paths on its port, bound to every address; the
 *       console's registry is one it has a registry store for;
 *   <li>the grace period covers the preStop sleep, Courier's drain ({@code courier.shutdown.timeout-millis})
 *       and {@value #MARGIN_MILLIS} ms for the JVM to exit;
 *   <li>a provider registers its pod IP and declares the server's port;
 *   <li>every container requests CPU and memory, runs as the images' user, not root, on a read-only root
 *       file system with {@code /tmp} mounted; every Service selects pods and names their ports.
 * </ul>
 */
final class ManifestRules {

    /** The admin endpoint's readiness path: {@code io.courier.bootstrap.admin.AdminServer}'s. */
    static final String READY = "/health/ready";
    /** The admin endpoint's liveness path. */
    static final String LIVE = "/health/live";
    /** The time a JVM needs after Courier's drain to run the other hooks and exit. */
    static final long MARGIN_MILLIS = 5_000;
    /** The images' user (deploy/images/pom.xml), which {@code runAsUser} repeats. */
    static final long IMAGE_USER = 65532;
    /** The images that run a Courier application, with its admin endpoint. */
    static final Set<String> APPLICATION_IMAGES = Set.of("courier/courier-demo", "courier/courier-gateway");

    static final String CONSOLE_IMAGE = "courier/courier-console";
    private static final String COURIER_IMAGES = "courier/";

    private final Manifests manifests;
    private final ConfigKeyRegistry keys;
    private final List<String> problems = new ArrayList<>();

    private ManifestRules(Manifests manifests, ConfigKeyRegistry keys) {
        this.manifests = manifests;
        this.keys = keys;
    }

    /** Everything wrong in {@code manifests}; empty when nothing is. */
    static List<String> problems(Manifests manifests, ConfigKeyRegistry keys) {
        ManifestRules rules = new ManifestRules(manifests, keys);
        rules.check();
        return List.copyOf(rules.problems);
    }

    private void check() {
        configMapsHoldOnlyKeys();
        for (Workload workload : manifests.workloads()) {
            for (Map<String, Object> container : workload.containers()) {
                String image = imageName(Tree.text(container, "image"));
                if (!image.startsWith(COURIER_IMAGES)) {
                    continue;
                }
                String where = workload.resource().file() + " " + workload.name() + " container "
                        + Tree.text(container, "name");
                Map<String, String> env = environment(where, container);
                if (APPLICATION_IMAGES.contains(image)) {
                    application(where, workload, container, env);
                } else if (CONSOLE_IMAGE.equals(image)) {
                    probesOn(where, container, port(env, "COURIER_CONSOLE_PORT"), null, null);
                    boundToEveryAddress(where, env, "COURIER_CONSOLE_HOST");
                    storeFor(where, env.get("COURIER_CONSOLE_REGISTRY"));
                }
                hardened(where, workload, container);
            }
        }
        services();
    }

    /** A ConfigMap is read with envFrom: each of its keys must be a variable Courier knows. */
    private void configMapsHoldOnlyKeys() {
        for (Manifests.Resource map : manifests.ofKind("ConfigMap")) {
            Tree.map(map.object(), "data")
                    .forEach((name, value) ->
                            variable(map.file() + " ConfigMap " + map.name(), name, String.valueOf(value)));
        }
    }

    /**
     * The container's variables, name to value ({@code null} where the value is the pod's, such as
     * its IP), each checked against the registry.
     */
    private Map<String, String> environment(String where, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : Tree.list(container, "envFrom")) {
            String configMap = Tree.text(from, "configMapRef", "name");
            if (configMap != null) {
                manifests
                        .configMap(configMap)
                        .ifPresentOrElse(
                                env::putAll,
                                () -> problems.add(where + ": envFrom ConfigMap " + configMap + " not found"));
            }
            if (Tree.text(from, "secretRef", "name") != null) {
                problems.add(where + ": envFrom a whole Secret (expected: secretKeyRef, one token to one container)");
            }
        }
        for (Map<String, Object> variable : Tree.list(container, "env")) {
            String name = Tree.text(variable, "name");
            env.put(name, value(where, name, variable));
        }
        env.forEach((name, value) -> variable(where, name, value));
        return env;
    }

    private String value(String where, String name, Map<String, Object> variable) {
        if (variable.containsKey("value")) {
            return String.valueOf(variable.get("value"));
        }
        Map<String, Object> from = Tree.map(variable, "valueFrom");
        String secret = Tree.text(from, "secretKeyRef", "name");
        String configMap = Tree.text(from, "configMapKeyRef", "name");
        if (secret != null || configMap != null) {
            String key = Tree.text(from, secret != null ? "secretKeyRef" : "configMapKeyRef", "key");
            Optional<Map<String, String>> values =
                    secret != null ? manifests.secret(secret) : manifests.configMap(configMap);
            String value = values.map(map -> map.get(key)).orElse(null);
            if (value == null) {
                problems.add(where + ": " + name + " from "
                        + (secret != null ? "Secret " + secret : "ConfigMap " + configMap) + " key " + key
                        + ", which is not there");
            }
            return value;
        }
        String field = Tree.text(from, "fieldRef", "fieldPath");
        if (!"COURIER_SERVER_ADVERTISED_HOST".equals(name) || !"status.podIP".equals(field)) {
            problems.add(where + ": " + name + " from " + from + " (expected: a value, a ConfigMap's or a Secret's;"
                    + " the pod's IP only as COURIER_SERVER_ADVERTISED_HOST)");
        }
        return null;
    }

    /** One variable: a key's, with a value that key accepts. */
    private void variable(String where, String name, String value) {
        Optional<ConfigKey<?>> key = keys.findByEnvironmentName(name);
        if (key.isEmpty()) {
            List<String> known =
                    keys.keys().stream().map(ConfigKey::environmentName).toList();
            problems.add(where + ": " + name + " is not a Courier configuration variable"
                    + ConfigKeyRegistry.didYouMean(ConfigKeyRegistry.nearest(name, known)));
            return;
        }
        if (value != null) {
            try {
                key.get().parse(value, key.get().name(), "the manifests' " + name);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
    }

    private void application(String where, Workload workload, Map<String, Object> container, Map<String, String> env) {
        Integer admin = port(env, "COURIER_ADMIN_PORT");
        if (admin == null) {
            problems.add(where + ": no COURIER_ADMIN_PORT (expected: the admin endpoint on, for the probes)");
        } else {
            probesOn(where, container, admin, READY, LIVE);
            boundToEveryAddress(where, env, "COURIER_ADMIN_HOST");
        }
        long drain = longValue(env, "COURIER_SHUTDOWN_TIMEOUT_MILLIS");
        Object sleep = Tree.map(container, "lifecycle", "preStop", "sleep").get("seconds");
        long preStop = sleep == null ? 0 : Long.parseLong(sleep.toString()) * 1000;
        Object grace = workload.podSpec().get("terminationGracePeriodSeconds");
        long graceMillis = (grace == null ? 30 : Long.parseLong(grace.toString())) * 1000;
        if (graceMillis < preStop + drain + MARGIN_MILLIS) {
            problems.add(where + ": terminationGracePeriodSeconds " + graceMillis / 1000 + " (expected: at least "
                    + (preStop + drain + MARGIN_MILLIS) / 1000 + ": the preStop sleep " + preStop / 1000
                    + " s + courier.shutdown.timeout-millis " + drain + " + " + MARGIN_MILLIS / 1000 + " s)");
        }
        Map<String, Object> server = containerPort(container, "courier");
        if (!server.isEmpty()) {
            Integer port = port(env, "COURIER_SERVER_PORT");
            if (!Objects.equals(port, number(server.get("containerPort")))) {
                problems.add(where + ": port courier is " + server.get("containerPort") + " (expected: "
                        + "COURIER_SERVER_PORT, " + port + ")");
            }
            if (!env.containsKey("COURIER_SERVER_ADVERTISED_HOST")
                    || env.get("COURIER_SERVER_ADVERTISED_HOST") != null) {
                problems.add(where + ": a provider without COURIER_SERVER_ADVERTISED_HOST from status.podIP"
                        + " (expected: consumers dial the pod's IP)");
            }
        }
    }

    /** The probes ask {@code ready} and {@code live} (when given) on {@code port}. */
    private void probesOn(String where, Map<String, Object> container, Integer port, String ready, String live) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("startupProbe", ready);
        paths.put("readinessProbe", ready);
        paths.put("livenessProbe", live);
        paths.forEach((probe, path) -> {
            Map<String, Object> get = Tree.map(container, probe, "httpGet");
            if (get.isEmpty()) {
                if (!probe.equals("startupProbe")) {
                    problems.add(where + ": no " + probe + ".httpGet");
                }
                return;
            }
            if (path != null && !path.equals(get.get("path"))) {
                problems.add(where + ": " + probe + " asks " + get.get("path") + " (expected: " + path + ")");
            }
            Object named = get.get("port");
            Integer asked = named instanceof Integer number
                    ? number
                    : number(containerPort(container, String.valueOf(named)).get("containerPort"));
            if (port == null || !port.equals(asked)) {
                problems.add(where + ": " + probe + " asks port " + named + " (" + asked + "; expected: " + port + ")");
            }
        });
    }

    /** The console reads the registry through a registry store: one must serve the address's scheme. */
    private void storeFor(String where, String registry) {
        String scheme =
                registry == null || !registry.contains("://") ? "" : registry.substring(0, registry.indexOf("://"));
        ExtensionLoader<RegistryStoreFactory> stores = ExtensionLoader.of(RegistryStoreFactory.class);
        if (!stores.has(scheme)) {
            problems.add(where + ": the console's registry " + registry + " (expected: a scheme with a registry store: "
                    + new TreeSet<>(stores.names()) + ")");
        }
    }

    private void boundToEveryAddress(String where, Map<String, String> env, String variable) {
        if (!"0.0.0.0".equals(env.get(variable))) {
            problems.add(where + ": " + variable + " is " + (env.get(variable) == null ? "unset" : env.get(variable))
                    + " (expected: 0.0.0.0; the kubelet probes the pod's IP)");
        }
    }

    private void hardened(String where, Workload workload, Map<String, Object> container) {
        Map<String, Object> resources = Tree.map(container, "resources");
        for (String needed : List.of("requests.cpu", "requests.memory", "limits.memory")) {
            String[] path = needed.split("\\.");
            if (Tree.text(resources, path) == null) {
                problems.add(where + ": no resources." + needed);
            }
        }
        Map<String, Object> pod = Tree.map(workload.podSpec(), "securityContext");
        if (!Boolean.TRUE.equals(pod.get("runAsNonRoot"))
                || !Objects.equals(number(pod.get("runAsUser")), (int) IMAGE_USER)) {
            problems.add(where + ": pod securityContext " + pod + " (expected: runAsNonRoot true, runAsUser "
                    + IMAGE_USER + ", the images' user)");
        }
        Map<String, Object> own = Tree.map(container, "securityContext");
        if (!Boolean.TRUE.equals(own.get("readOnlyRootFilesystem"))
                || !Boolean.FALSE.equals(own.get("allowPrivilegeEscalation"))) {
            problems.add(where + ": securityContext " + own
                    + " (expected: readOnlyRootFilesystem true, allowPrivilegeEscalation false)");
        }
        boolean tmp = Tree.list(container, "volumeMounts").stream().anyMatch(m -> "/tmp".equals(m.get("mountPath")));
        if (!tmp) {
            problems.add(where + ": no volume at /tmp (expected: an emptyDir; the JVM and Netty write there)");
        }
    }

    private void services() {
        for (Manifests.Resource service : manifests.ofKind("Service")) {
            Map<String, Object> selector = Tree.map(service.object(), "spec", "selector");
            Optional<Workload> selected = manifests.workloads().stream()
                    .filter(w -> !selector.isEmpty()
                            && selector.entrySet().stream().allMatch(e -> String.valueOf(e.getValue())
                                    .equals(w.labels().get(e.getKey()))))
                    .findFirst();
            String where = service.file() + " Service " + service.name();
            if (selected.isEmpty()) {
                problems.add(where + ": selects no pod (" + selector + ")");
                continue;
            }
            for (Map<String, Object> port : Tree.list(service.object(), "spec", "ports")) {
                Object target = port.get("targetPort");
                boolean named = selected.get().containers().stream()
                        .anyMatch(c -> !containerPort(c, String.valueOf(target)).isEmpty());
                if (!named) {
                    problems.add(where + ": targetPort " + target + " is no container port of "
                            + selected.get().name());
                }
            }
        }
    }

    private static Map<String, Object> containerPort(Map<String, Object> container, String name) {
        return Tree.list(container, "ports").stream()
                .filter(port -> name.equals(port.get("name")))
                .findFirst()
                .orElse(Map.of());
    }

    /** A port variable's value, or its key's default; null when it has neither or is not a number. */
    private Integer port(Map<String, String> env, String variable) {
        String text = env.get(variable);
        if (text == null) {
            return keys.findByEnvironmentName(variable)
                    .map(ConfigKey::defaultValue)
                    .map(value -> (Integer) value)
                    .orElse(null);
        }
        return number(text);
    }

    /** A variable's value, or its key's default when unset or invalid (an invalid one is a problem already). */
    private long longValue(Map<String, String> env, String variable) {
        ConfigKey<?> key = keys.findByEnvironmentName(variable).orElseThrow();
        String text = env.get(variable);
        try {
            return text == null ? (Long) key.defaultValue() : (Long) key.parse(text);
        } catch (IllegalArgumentException e) {
            return (Long) key.defaultValue();
        }
    }

    private static Integer number(Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        try {
            return value == null ? null : Integer.valueOf(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code courier/courier-demo:0.1.0} without its tag. */
    static String imageName(String image) {
        if (image == null) {
            return "";
        }
        int tag = image.lastIndexOf(':');
        return tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
    }
}
