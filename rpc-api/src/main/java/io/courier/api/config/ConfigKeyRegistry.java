package io.courier.api.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every declared configuration key, from every {@link ConfigKeyCatalog} on the class path: what
 * start-up checks keys against, what the configuration reference and the Spring Boot metadata are
 * generated from. Two catalogs declaring one name is an error.
 *
 * <p>Besides the declared names, the registry recognises two patterns over them:
 * <ul>
 *   <li>per-method filter options: {@code courier.filter.<method>.<filter>.<option>} stands for the
 *       declared {@code courier.filter.<filter>.<option>}, where {@code <method>} is a method name
 *       or descriptor ({@code getUser(long)});
 *   <li>per-service overrides: {@code courier.service.<interface>.<suffix>} stands for the
 *       {@code courier.consumer.<suffix>} or {@code courier.provider.<suffix>} key, and
 *       {@code courier.service.<interface>.filter.<tail>} for {@code courier.filter.<tail>}.
 * </ul>
 * A misspelt name of any form gets one "did you mean" ({@link #suggest(String)}). Immutable and
 * thread-safe.
 */
public final class ConfigKeyRegistry {

    /** The prefix of filter options: {@code courier.filter.}. */
    public static final String FILTER_PREFIX = "courier.filter.";
    /** The prefix of per-service overrides: {@code courier.service.}. */
    public static final String SERVICE_PREFIX = "courier.service.";

    /** The prefix of the consumer side's keys, which per-service overrides omit: {@code courier.consumer.}. */
    public static final String CONSUMER_PREFIX = "courier.consumer.";
    /** The prefix of the provider side's keys, which per-service overrides omit: {@code courier.provider.}. */
    public static final String PROVIDER_PREFIX = "courier.provider.";

    private static final String FILTER_INFIX = ".filter.";
    /** Misspellings of up to this many edits (exclusive) get a "did you mean". */
    private static final int SUGGESTION_DISTANCE = 4;

    private final Map<String, ConfigKey<?>> byName;
    private final Map<String, ConfigKey<?>> byEnvironmentName;
    private final Set<String> filters;
    private final List<String> serviceSuffixes;

    private ConfigKeyRegistry(Map<String, ConfigKey<?>> byName) {
        this.byName = byName;
        Map<String, ConfigKey<?>> byVariable = new LinkedHashMap<>();
        Set<String> filterNames = new LinkedHashSet<>();
        for (ConfigKey<?> key : byName.values()) {
            byVariable.putIfAbsent(key.environmentName(), key);
            if (key.name().startsWith(FILTER_PREFIX)) {
                filterNames.add(segment(key.name().substring(FILTER_PREFIX.length())));
            }
        }
        this.byEnvironmentName = byVariable;
        this.filters = Set.copyOf(filterNames);
        this.serviceSuffixes = byName.keySet().stream()
                .filter(name -> name.startsWith(CONSUMER_PREFIX) || name.startsWith(PROVIDER_PREFIX))
                .map(name -> name.substring(name.indexOf('.', ConfigKey.PREFIX.length()) + 1))
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }

    /**
     * The registry of {@code catalogs}' keys.
     *
     * @throws IllegalStateException if two catalogs (or one twice) declare the same name
     */
    public static ConfigKeyRegistry of(Collection<? extends ConfigKeyCatalog> catalogs) {
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (ConfigKeyCatalog catalog : catalogs) {
            String owner = catalog.getClass().getName();
            for (ConfigKey<?> key : catalog.keys()) {
                String before = owners.putIfAbsent(key.name(), owner);
                if (before != null) {
                    throw new IllegalStateException("configuration key declared twice: " + key.name() + " (by " + before
                            + " and " + owner + "; expected: one declaration per key)");
                }
                byName.put(key.name(), key);
            }
        }
        return new ConfigKeyRegistry(byName);
    }

    /** The registry of every catalog {@code loader} finds. */
    public static ConfigKeyRegistry load(ClassLoader loader) {
        List<ConfigKeyCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(ConfigKeyCatalog.class, loader).forEach(catalogs::add);
        return of(catalogs);
    }

    /** The registry of every catalog on the class path of this class; loaded once. */
    public static ConfigKeyRegistry loaded() {
        return Loaded.REGISTRY;
    }

    /** Loads the catalogs on first use, not when this class is: no order between classes matters. */
    private static final class Loaded {
        static final ConfigKeyRegistry REGISTRY = load(ConfigKeyRegistry.class.getClassLoader());
    }

    /** Every declared key, catalog by catalog, in each catalog's order. */
    public List<ConfigKey<?>> keys() {
        return List.copyOf(byName.values());
    }

    /** The declared key named exactly {@code name}. */
    public Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The declared key the environment variable {@code variable} sets. */
    public Optional<ConfigKey<?>> findByEnvironmentName(String variable) {
        return Optional.ofNullable(byEnvironmentName.get(variable));
    }

    /** The filters that declare options: {@code rate-limit} for {@code courier.filter.rate-limit.qps}. */
    public Set<String> declaredFilters() {
        return filters;
    }

    /**
     * The suffixes a per-service override may end with ({@code timeout-millis} for
     * {@code courier.consumer.timeout-millis}), longest first so that matching is greedy.
     */
    public List<String> serviceSuffixes() {
        return serviceSuffixes;
    }

    /**
     * The consumer or provider key that {@code suffix} names in a per-service override; for
     * {@code group} and {@code version}, which name both sides' keys, the consumer one.
     */
    public Optional<ConfigKey<?>> findServiceSuffix(String suffix) {
        ConfigKey<?> consumer = byName.get(CONSUMER_PREFIX + suffix);
        return Optional.ofNullable(consumer != null ? consumer : byName.get(PROVIDER_PREFIX + suffix));
    }

    /**
     * The declared key {@code name} stands for, in any form: the key itself, a per-method filter
     * option, or a per-service override.
     */
    public Optional<ConfigKey<?>> match(String name) {
        ConfigKey<?> key = byName.get(name);
        if (key != null) {
            return Optional.of(key);
        }
        if (name.startsWith(FILTER_PREFIX)) {
            return filterOption(name.substring(FILTER_PREFIX.length()));
        }
        if (name.startsWith(SERVICE_PREFIX)) {
            String rest = name.substring(SERVICE_PREFIX.length());
            int filter = rest.lastIndexOf(FILTER_INFIX);
            if (filter > 0) {
                return filterOption(rest.substring(filter + FILTER_INFIX.length()));
            }
            for (String suffix : serviceSuffixes) {
                int start = rest.length() - suffix.length() - 1;
                if (start > 0 && rest.endsWith(suffix) && rest.charAt(start) == '.') {
                    return findServiceSuffix(suffix);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The declared filter option of {@code tail}, the part after {@code courier.filter.}:
     * {@code <filter>.<option>} or {@code <method>.<filter>.<option>}.
     */
    public Optional<ConfigKey<?>> filterOption(String tail) {
        ConfigKey<?> key = byName.get(FILTER_PREFIX + tail);
        if (key != null) {
            return Optional.of(key);
        }
        String method = segment(tail);
        if (method.length() + 1 >= tail.length()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(FILTER_PREFIX + tail.substring(method.length() + 1)));
    }

    /**
     * The declared name nearest to {@code name}, in {@code name}'s own form, or empty when none is
     * close: {@code courier.server.prot} suggests {@code courier.server.port},
     * {@code courier.filter.getUser.rate-limit.qsp} suggests
     * {@code courier.filter.getUser.rate-limit.qps}, {@code courier.service.com.acme.Users.timeout}
     * suggests {@code courier.service.com.acme.Users.timeout-millis}.
     */
    public Optional<String> suggest(String name) {
        if (name.startsWith(FILTER_PREFIX)) {
            Optional<String> option = suggestFilterOption(FILTER_PREFIX, name.substring(FILTER_PREFIX.length()));
            if (option.isPresent()) {
                return option;
            }
        } else if (name.startsWith(SERVICE_PREFIX)) {
            int filter = name.lastIndexOf(FILTER_INFIX);
            if (filter > SERVICE_PREFIX.length()) {
                int tail = filter + FILTER_INFIX.length();
                return suggestFilterOption(name.substring(0, tail), name.substring(tail));
            }
            return suggestServiceSuffix(name);
        }
        return nearest(name, byName.keySet());
    }

    /**
     * {@code head + tail} with the option of a declared filter corrected, the method (if any)
     * kept: the filter is looked for in the first segment of {@code tail}, then in the second.
     */
    private Optional<String> suggestFilterOption(String head, String tail) {
        String first = segment(tail);
        if (filters.contains(first)) {
            return nearest(FILTER_PREFIX + tail, filterKeys()).map(key -> head + key.substring(FILTER_PREFIX.length()));
        }
        if (first.length() + 1 < tail.length()) {
            String rest = tail.substring(first.length() + 1);
            if (filters.contains(segment(rest))
                    || nearest(segment(rest), filters).isPresent()) {
                return nearest(FILTER_PREFIX + rest, filterKeys())
                        .map(key -> head + first + "." + key.substring(FILTER_PREFIX.length()));
            }
        }
        return nearest(FILTER_PREFIX + tail, filterKeys()).map(key -> head + key.substring(FILTER_PREFIX.length()));
    }

    /**
     * {@code courier.service.<interface>.<suffix>} with the nearest known suffix: one the given text
     * starts ({@code timeout} for {@code timeout-millis}), else the closest by edits.
     */
    private Optional<String> suggestServiceSuffix(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= SERVICE_PREFIX.length()) {
            return Optional.empty();
        }
        String given = name.substring(dot + 1);
        return serviceSuffixes.stream()
                .filter(known -> known.startsWith(given + "-"))
                .findFirst()
                .or(() -> nearest(given, serviceSuffixes))
                .map(suffix -> name.substring(0, dot + 1) + suffix);
    }

    private List<String> filterKeys() {
        return byName.keySet().stream()
                .filter(name -> name.startsWith(FILTER_PREFIX))
                .toList();
    }

    /** The candidate nearest to {@code word}, fewer than four edits away, or empty. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        return Optional.ofNullable(EditDistance.nearest(word, candidates, SUGGESTION_DISTANCE));
    }

    /** The one "did you mean" of every message: {@code ; did you mean <nearest>?}, or nothing. */
    public static String didYouMean(Optional<String> nearest) {
        Objects.requireNonNull(nearest, "nearest");
        return nearest.map(name -> "; did you mean " + name + "?").orElse("");
    }

    /**
     * The first dot-separated segment of {@code text}; a method descriptor's dots inside
     * parentheses do not count ({@code find(java.lang.String).rate-limit.qps} starts with
     * {@code find(java.lang.String)}).
     */
    public static String segment(String text) {
        int open = text.indexOf('(');
        int dot = text.indexOf('.');
        if (open >= 0 && (dot < 0 || open < dot)) {
            int close = text.indexOf(')', open);
            return close < 0 ? text : text.substring(0, close + 1);
        }
        return dot < 0 ? text : text.substring(0, dot);
    }
}
