package io.courier.core.document;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.LiveKeys;
import io.courier.api.LiveSettings;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a service's dynamic configuration document (YAML, or JSON, which is YAML) strictly: an
 * unknown field, a wrong type, a value out of range, a forbidden YAML construct (any global tag,
 * such as {@code !!javax.script.ScriptEngineManager}) or a document over 256 KiB is refused as a
 * whole. Empty data means "no configuration" ({@link DynamicConfig#EMPTY}).
 *
 * <p>The live reference settings are configuration keys ({@link LiveKeys}), read through their own
 * {@link io.courier.api.config.ConfigKey}: same range and same message as every other source, the
 * origin naming the field ({@code courier.consumer.timeout-millis: '-5' (expected: an integer >= 1)
 * [document field config.timeout-millis]}). Fields are spelt as the keys are; the camel-case
 * spelling of older documents ({@code timeoutMillis}) reads alike ({@link FieldNames}).
 *
 * <pre>
 * version: 1                         # required; the format version
 * weights:                           # endpoint -&gt; weight, 0 (no calls) to 10000
 *   "10.0.0.1:20880": 200
 * disabled: ["10.0.0.2:20880"]       # endpoints that receive no calls
 * tag-routes:                        # endpoint -&gt; extra routing tags
 *   "10.0.0.1:20880": [canary]
 * condition-rules:                   # condition-router rules, as text
 *   - "method = find* =&gt; host = 10.0.0.1"
 * limits:                            # filter limits; values are kept as text
 *   rate-limit.qps: 500
 * timeout-millis: 800                # courier.consumer.timeout-millis, live (LiveSettings), each optional
 * retries: 1                         # courier.consumer.retries
 * load-balancer: roundrobin          # courier.consumer.load-balancer
 * breaker:                           # courier.filter.circuit-breaker.*
 *   failure-rate-threshold: 30
 * settings:                          # the application's own keys ({@link SettingsSection})
 *   shop.discount-percent: 20
 * </pre>
 */
public final class ConfigParser {

    public static final int FORMAT = 1;
    /** The largest document accepted, in characters. */
    public static final int MAX_CHARS = 256 * 1024;

    static final int MAX_ENTRIES = 10_000;

    private static final Set<String> FIELDS = fields();

    private ConfigParser() {}

    /** @throws DocumentException naming the first defect */
    public static DynamicConfig parse(byte[] data) throws DocumentException {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return DynamicConfig.EMPTY;
        }
        Fields config = Fields.of(SafeYaml.load(text, MAX_CHARS), "config");
        FieldNames names = FieldNames.of(config, FIELDS);
        long version = config.integer("version", 1, Integer.MAX_VALUE);
        // the application's own keys: shape only here, types where they are declared
        SettingsSection.of(config.mapping(names.written(SettingsSection.FIELD)));
        if (version != FORMAT) {
            throw new DocumentException("config.version: " + version + " (expected: " + FORMAT + ")");
        }
        return new DynamicConfig(
                FORMAT,
                weights(config.mapping(names.written("weights"))),
                endpoints(names.path("disabled"), config.strings(names.written("disabled"))),
                tagRoutes(config.mapping(names.written("tag-routes"))),
                rules(names.path("condition-rules"), config.strings(names.written("condition-rules"))),
                limits(config.scalarMap(names.written("limits"))),
                live(config, names));
    }

    private static Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>(List.of(
                "version",
                "weights",
                "disabled",
                "tag-routes",
                "condition-rules",
                "limits",
                "breaker",
                SettingsSection.FIELD));
        fields.addAll(LiveKeys.REFERENCE.keySet());
        return Set.copyOf(fields);
    }

    private static LiveSettings live(Fields config, FieldNames names) throws DocumentException {
        Long timeout = LiveValues.value(names, "timeout-millis", LiveKeys.TIMEOUT_MILLIS);
        Integer retries = LiveValues.value(names, "retries", LiveKeys.RETRIES);
        String balancer = LiveValues.value(names, "load-balancer", LiveKeys.LOAD_BALANCER);
        Fields breaker = config.mapping(names.written("breaker"));
        FieldNames options = FieldNames.of(breaker, LiveKeys.BREAKER.keySet());
        Map<String, Long> thresholds = new LinkedHashMap<>();
        for (String option : options.present()) {
            Object value = LiveValues.value(options, option, LiveKeys.BREAKER.get(option));
            if (value != null) {
                thresholds.put(option, ((Number) value).longValue());
            }
        }
        return new LiveSettings(
                timeout == null ? -1 : timeout,
                retries == null ? -1 : retries,
                balancer == null ? "" : balancer,
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

    private static List<String> rules(String where, List<String> rules) throws DocumentException {
        for (int i = 0; i < capped(rules, where).size(); i++) {
            notBlank(where + "[" + i + "]", rules.get(i));
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
