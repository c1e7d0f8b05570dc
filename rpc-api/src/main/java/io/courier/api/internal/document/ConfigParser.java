package io.courier.api.internal.document;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.LiveSettings;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a service's dynamic configuration document (YAML, or JSON, which is YAML) strictly: an
 * unknown field, a wrong type, a value out of range, a forbidden YAML construct (any global tag,
 * such as {@code !!javax.script.ScriptEngineManager}) or a document over 256 KiB is refused as a
 * whole. Empty data means "no configuration" ({@link DynamicConfig#EMPTY}).
 *
 * <pre>
 * version: 1                         # required; the format version
 * weights:                           # endpoint -&gt; weight, 0 (no calls) to 10000
 *   "10.0.0.1:20880": 200
 * disabled: ["10.0.0.2:20880"]       # endpoints that receive no calls
 * tagRoutes:                         # endpoint -&gt; extra routing tags
 *   "10.0.0.1:20880": [canary]
 * conditionRules:                    # condition-router rules, as text
 *   - "method = find* =&gt; host = 10.0.0.1"
 * limits:                            # filter limits; values are kept as text
 *   rate-limit.qps: 500
 * timeoutMillis: 800                 # live reference settings (LiveSettings), each optional
 * retries: 1
 * loadBalancer: roundrobin
 * breaker:
 *   failureRateThreshold: 30
 * </pre>
 */
public final class ConfigParser {

    public static final int FORMAT = 1;
    /** The largest document accepted, in characters. */
    public static final int MAX_CHARS = 256 * 1024;

    static final int MAX_ENTRIES = 10_000;

    private static final Set<String> FIELDS = Set.of(
            "version",
            "weights",
            "disabled",
            "tagRoutes",
            "conditionRules",
            "limits",
            "timeoutMillis",
            "retries",
            "loadBalancer",
            "breaker");

    /** Breaker fields of a document, camel case, by the breaker option each sets. */
    private static final Map<String, String> BREAKER_FIELDS = Map.of(
            "failureRateThreshold", "failure-rate-threshold",
            "slowCallRateThreshold", "slow-call-rate-threshold",
            "slowCallMillis", "slow-call-millis",
            "minimumCalls", "minimum-calls",
            "openMillis", "open-millis",
            "halfOpenCalls", "half-open-calls");

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private ConfigParser() {}

    /** @throws DocumentException naming the first defect */
    public static DynamicConfig parse(byte[] data) throws DocumentException {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return DynamicConfig.EMPTY;
        }
        Fields config = Fields.of(SafeYaml.load(text, MAX_CHARS), "config").onlyKnown(FIELDS);
        long version = config.integer("version", 1, Integer.MAX_VALUE);
        if (version != FORMAT) {
            throw new DocumentException("config.version: " + version + " (expected: " + FORMAT + ")");
        }
        return new DynamicConfig(
                FORMAT,
                weights(config.mapping("weights")),
                endpoints("config.disabled", config.strings("disabled")),
                tagRoutes(config.mapping("tagRoutes")),
                rules(config.strings("conditionRules")),
                limits(config.scalarMap("limits")),
                live(config));
    }

    private static LiveSettings live(Fields config) throws DocumentException {
        String balancer = config.string("loadBalancer", "");
        if (!balancer.isEmpty() && !EXTENSION_NAME.matcher(balancer).matches()) {
            throw new DocumentException("config.loadBalancer: '" + Fields.abbreviate(balancer)
                    + "' (expected: an extension name such as random or roundrobin)");
        }
        Fields breaker = config.mapping("breaker").onlyKnown(BREAKER_FIELDS.keySet());
        Map<String, Long> thresholds = new LinkedHashMap<>();
        for (String name : breaker.names()) {
            boolean percent = name.endsWith("Threshold");
            thresholds.put(
                    BREAKER_FIELDS.get(name),
                    Fields.integer(breaker.path() + "." + name, breaker.raw(name), 1, percent ? 100 : 86_400_000L));
        }
        return new LiveSettings(
                config.integer("timeoutMillis", 1, 3_600_000, -1),
                (int) config.integer("retries", 0, 100, -1),
                balancer,
                thresholds);
    }

    private static Map<Endpoint, Integer> weights(Fields weights) throws DocumentException {
        Map<Endpoint, Integer> result = new LinkedHashMap<>();
        for (String key : capped(weights.names(), weights.path())) {
            String where = weights.path() + "." + Fields.abbreviate(key);
            result.put(endpoint(where, key), (int) Fields.integer(where, weights.raw(key), 0, 10_000));
        }
        return result;
    }

    private static Map<Endpoint, Set<String>> tagRoutes(Fields routes) throws DocumentException {
        Map<Endpoint, Set<String>> result = new LinkedHashMap<>();
        for (String key : capped(routes.names(), routes.path())) {
            String where = routes.path() + "." + Fields.abbreviate(key);
            Set<String> tags = new LinkedHashSet<>();
            List<String> values = Fields.strings(where, routes.raw(key));
            for (int i = 0; i < values.size(); i++) {
                tags.add(notBlank(where + "[" + i + "]", values.get(i)));
            }
            result.put(endpoint(where, key), tags);
        }
        return result;
    }

    private static Set<Endpoint> endpoints(String where, List<String> texts) throws DocumentException {
        Set<Endpoint> result = new LinkedHashSet<>();
        for (int i = 0; i < capped(texts, where).size(); i++) {
            result.add(endpoint(where + "[" + i + "]", texts.get(i)));
        }
        return result;
    }

    private static List<String> rules(List<String> rules) throws DocumentException {
        for (int i = 0; i < capped(rules, "config.conditionRules").size(); i++) {
            notBlank("config.conditionRules[" + i + "]", rules.get(i));
        }
        return rules;
    }

    private static Map<String, String> limits(Map<String, String> limits) throws DocumentException {
        capped(limits.keySet(), "config.limits");
        for (String key : limits.keySet()) {
            if (key.isBlank() || key.length() > 200 || !key.equals(key.strip())) {
                throw new DocumentException(
                        "config.limits." + Fields.abbreviate(key) + ": bad key (expected: 1 to 200 characters)");
            }
        }
        return limits;
    }

    private static Endpoint endpoint(String where, String text) throws DocumentException {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DocumentException(where + ": '" + Fields.abbreviate(text) + "' (expected: host:port)");
        }
    }

    private static String notBlank(String where, String text) throws DocumentException {
        if (text.isBlank()) {
            throw new DocumentException(where + ": '' (expected: not blank)");
        }
        return text;
    }

    private static <C extends Collection<?>> C capped(C values, String where) throws DocumentException {
        if (values.size() > MAX_ENTRIES) {
            throw new DocumentException(
                    where + ": " + values.size() + " entries (expected: at most " + MAX_ENTRIES + ")");
        }
        return values;
    }
}
