package io.courier.console;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's configuration as the text the console writes: format-1 YAML (docs/registry.md,
 * "Dynamic configuration") with every string double-quoted and every section sorted, so that equal
 * configurations give equal text and diffs show only what changed. The switches (weight, offline,
 * online) are edits of a parsed configuration, rendered again.
 */
final class ConfigDocument {

    private ConfigDocument() {}

    static String render(DynamicConfig config) {
        StringBuilder yaml = new StringBuilder("version: 1\n");
        if (!config.weights().isEmpty()) {
            yaml.append("weights:\n");
            sorted(config.weights()).forEach((endpoint, weight) -> yaml.append("  ")
                    .append(quote(endpoint.toString()))
                    .append(": ")
                    .append(weight)
                    .append('\n'));
        }
        if (!config.disabled().isEmpty()) {
            yaml.append("disabled:\n");
            config.disabled().stream().map(Endpoint::toString).sorted().forEach(endpoint -> yaml.append("  - ")
                    .append(quote(endpoint))
                    .append('\n'));
        }
        if (!config.tagRoutes().isEmpty()) {
            yaml.append("tagRoutes:\n");
            sorted(config.tagRoutes()).forEach((endpoint, tags) -> yaml.append("  ")
                    .append(quote(endpoint.toString()))
                    .append(": [")
                    .append(String.join(
                            ", ",
                            tags.stream().sorted().map(ConfigDocument::quote).toList()))
                    .append("]\n"));
        }
        if (!config.conditionRules().isEmpty()) {
            yaml.append("conditionRules:\n");
            config.conditionRules()
                    .forEach(rule -> yaml.append("  - ").append(quote(rule)).append('\n'));
        }
        if (!config.limits().isEmpty()) {
            yaml.append("limits:\n");
            new TreeMap<>(config.limits()).forEach((key, value) -> yaml.append("  ")
                    .append(quote(key))
                    .append(": ")
                    .append(quote(value))
                    .append('\n'));
        }
        return yaml.toString();
    }

    /** {@code config} with {@code endpoint}'s weight set ({@code null} removes the override). */
    static DynamicConfig withWeight(DynamicConfig config, Endpoint endpoint, Integer weight) {
        Map<Endpoint, Integer> weights = new LinkedHashMap<>(config.weights());
        if (weight == null) {
            weights.remove(endpoint);
        } else {
            weights.put(endpoint, weight);
        }
        return new DynamicConfig(
                config.version(),
                weights,
                config.disabled(),
                config.tagRoutes(),
                config.conditionRules(),
                config.limits());
    }

    /** {@code config} with {@code endpoint} added to ({@code offline}) or removed from the disabled list. */
    static DynamicConfig withOffline(DynamicConfig config, Endpoint endpoint, boolean offline) {
        Set<Endpoint> disabled = new LinkedHashSet<>(config.disabled());
        if (offline) {
            disabled.add(endpoint);
        } else {
            disabled.remove(endpoint);
        }
        return new DynamicConfig(
                config.version(),
                config.weights(),
                disabled,
                config.tagRoutes(),
                config.conditionRules(),
                config.limits());
    }

    /** A YAML double-quoted scalar (JSON's escapes are YAML's). */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static <V> Map<Endpoint, V> sorted(Map<Endpoint, V> byEndpoint) {
        Map<Endpoint, V> sorted = new TreeMap<>(Comparator.comparing(Endpoint::toString));
        sorted.putAll(byEndpoint);
        return sorted;
    }

    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
