package io.courier.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes objects of a folder of manifests, parsed with SnakeYAML into plain maps and lists,
 * with the lookups the checks need: objects by kind, ConfigMaps and Secrets by name, workloads and
 * their containers.
 */
final class Manifests {

    /** The shop without its registry: the kustomize base the overlays build on. */
    static final Path BASE = Path.of("base");

    /** One folder per registry, each a kustomize overlay of {@link #BASE} that users apply. */
    static final Path OVERLAYS = Path.of("overlays");

    private final List<Resource> resources;

    /** One object and the file it came from. */
    record Resource(String file, Map<String, Object> object) {

        String kind() {
            return (String) object.get("kind");
        }

        String name() {
            return Tree.text(object, "metadata", "name");
        }
    }

    /** A Deployment's or StatefulSet's pod template. */
    record Workload(Resource resource, Map<String, Object> podSpec, Map<String, String> labels) {

        List<Map<String, Object>> containers() {
            return Tree.list(podSpec, "containers");
        }

        String name() {
            return resource.kind() + " " + resource.name();
        }
    }

    private Manifests(List<Resource> resources) {
        this.resources = resources;
    }

    /** Every object of every {@code .yaml} file in {@code folder} but the kustomization. */
    static Manifests load(Path folder) throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (Path file : yamlFiles(folder)) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            resources.addAll(parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        return new Manifests(resources);
    }

    /** The shop as an overlay ({@code zookeeper}, {@code etcd}) applies it: the base's objects and the overlay's. */
    static Manifests variant(String name) throws IOException {
        List<Resource> resources = new ArrayList<>(load(BASE).resources());
        resources.addAll(load(OVERLAYS.resolve(name)).resources());
        return new Manifests(resources);
    }

    /** The objects of one YAML text. */
    static List<Resource> parse(String file, String text) {
        List<Resource> resources = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) document;
                resources.add(new Resource(file, object));
            }
        }
        return resources;
    }

    static Manifests of(List<Resource> resources) {
        return new Manifests(List.copyOf(resources));
    }

    static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(Reader reader) {
        return (Map<String, Object>) yaml().load(reader);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    List<Resource> resources() {
        return resources;
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    /** The Deployments and StatefulSets. */
    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Resource resource : resources) {
            if ("Deployment".equals(resource.kind()) || "StatefulSet".equals(resource.kind())) {
                Map<String, Object> template = Tree.map(resource.object(), "spec", "template");
                Map<String, String> labels = new LinkedHashMap<>();
                Tree.map(template, "metadata", "labels").forEach((key, value) -> labels.put(key, value.toString()));
                workloads.add(new Workload(resource, Tree.map(template, "spec"), labels));
            }
        }
        return workloads;
    }

    /** A ConfigMap's data. */
    Optional<Map<String, String>> configMap(String name) {
        return find("ConfigMap", name).map(map -> strings(Tree.map(map.object(), "data")));
    }

    /** A Secret's values: its {@code stringData}, and its {@code data} decoded. */
    Optional<Map<String, String>> secret(String name) {
        return find("Secret", name).map(secret -> {
            Map<String, String> values = new LinkedHashMap<>(strings(Tree.map(secret.object(), "stringData")));
            strings(Tree.map(secret.object(), "data"))
                    .forEach((key, value) ->
                            values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            return values;
        });
    }

    private Optional<Resource> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(r.name())).findFirst();
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }

    /** Paths into parsed YAML; a missing step is an empty map or list. */
    static final class Tree {

        private Tree() {}

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Map<String, Object> from, String... path) {
            Object at = from;
            for (String step : path) {
                at = at instanceof Map<?, ?> map ? map.get(step) : null;
            }
            return at instanceof Map<?, ?> ? (Map<String, Object>) at : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> list(Map<String, Object> from, String... path) {
            Map<String, Object> parent = map(from, Arrays.copyOf(path, path.length - 1));
            Object at = parent.get(path[path.length - 1]);
            return at instanceof List<?> ? (List<Map<String, Object>>) at : List.of();
        }

        static String text(Map<String, Object> from, String... path) {
            Map<String, Object> parent = map(from, Arrays.copyOf(path, path.length - 1));
            Object at = parent.get(path[path.length - 1]);
            return at == null ? null : at.toString();
        }
    }
}
