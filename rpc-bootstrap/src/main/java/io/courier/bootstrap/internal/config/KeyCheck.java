package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKeyRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which names the loader accepts: a known key, a well-formed {@code courier.service.*} override, or a
 * filter option of a filter on the class path. An unknown name is a problem with its "did you mean",
 * never with a value that may be a secret.
 */
final class KeyCheck {

    private final Set<String> filterNames;
    private final List<String> problems;

    /** Adds its problems to {@code problems}, the loader's list. */
    KeyCheck(Set<String> filterNames, List<String> problems) {
        this.filterNames = filterNames;
        this.problems = problems;
    }

    /** Whether {@code setting} names a known key or a well-formed open key; records a problem if not. */
    boolean check(Setting setting) {
        String key = setting.key();
        // A filter option is checked as one, even when declared: its filter must be on the class path.
        if (!key.startsWith(ConfigKeys.FILTER_PREFIX) && ConfigKeys.find(key) != null) {
            return true;
        }
        if (key.startsWith(ConfigKeys.SERVICE_PREFIX)) {
            return checkServiceKey(setting);
        }
        if (key.startsWith(ConfigKeys.FILTER_PREFIX)) {
            return checkFilterKey(setting, key.substring(ConfigKeys.FILTER_PREFIX.length()), key);
        }
        unknownKey(setting, ConfigKeys.registry().suggest(key));
        return false;
    }

    private boolean checkServiceKey(Setting setting) {
        ServiceOverride override = ServiceOverride.parse(setting.key());
        if (override == null) {
            problems.add(setting.key() + ": unknown key (expected: courier.service.<interface>.<suffix> with a suffix"
                    + " among " + String.join(", ", ConfigKeys.serviceSuffixes())
                    + ", or courier.service.<interface>.filter.<filter>.<key>"
                    + ConfigKeyRegistry.didYouMean(ConfigKeys.registry().suggest(setting.key()))
                    + ") [" + setting.origin() + "]");
            return false;
        }
        if (override.filterKey() != null) {
            return checkFilterKey(setting, override.filterKey(), setting.key());
        }
        return true;
    }

    /**
     * Checks {@code <filter>.<option>} or {@code <method>.<filter>.<option>}, where {@code <method>} is
     * a method name or descriptor ({@code getUser(long)}) and {@code <filter>} a known filter.
     */
    private boolean checkFilterKey(Setting setting, String tail, String key) {
        String first = segment(tail);
        String afterFirst = tail.substring(first.length());
        if (afterFirst.length() <= 1) {
            problems.add(key + ": unknown key (expected: " + ConfigKeys.FILTER_PREFIX + "[<method>.]<filter>.<key>) ["
                    + setting.origin() + "]");
            return false;
        }
        if (filterNames.contains(first)) {
            return checkFilterOption(setting, first, tail);
        }
        // A per-method key: the method comes first, then the filter.
        String second = segment(afterFirst.substring(1));
        if (filterNames.contains(second) && afterFirst.length() - 1 - second.length() > 1) {
            return checkFilterOption(setting, second, tail);
        }
        problems.add(key + ": unknown filter in the key (expected: " + ConfigKeys.FILTER_PREFIX
                + "[<method>.]<filter>.<key> with a"
                + " filter among "
                + (filterNames.isEmpty()
                        ? "none: no filter is on the class path"
                        : String.join(", ", new TreeSet<>(filterNames)))
                + suggestion(nearestFilterKey(key, tail, first, afterFirst)) + ") [" + setting.origin() + "]");
        return false;
    }

    /**
     * Whether {@code tail} names a declared option of {@code filter}; a filter that declares no
     * options (a third party's, say) checks its own when it is bound.
     */
    private boolean checkFilterOption(Setting setting, String filter, String tail) {
        ConfigKeyRegistry registry = ConfigKeys.registry();
        if (!registry.declaredFilters().contains(filter)
                || registry.filterOption(tail).isPresent()) {
            return true;
        }
        unknownKey(setting, registry.suggest(setting.key()));
        return false;
    }

    /** The one message of an unknown key, with its "did you mean". */
    private void unknownKey(Setting setting, Optional<String> nearest) {
        problems.add(setting.key() + ": unknown key (value " + shown(setting, nearest.orElse(null))
                + "; expected: a key listed in docs/configuration.md" + ConfigKeyRegistry.didYouMean(nearest) + ") ["
                + setting.origin() + "]");
    }

    /**
     * {@code key} with its misspelt filter name replaced by the nearest filter's: {@code
     * courier.filter.tenat.id} suggests {@code courier.filter.tenant.id}; the filter is looked for in
     * the first segment, then (for per-method keys) in the second.
     */
    private String nearestFilterKey(String key, String tail, String first, String afterFirst) {
        String head = key.substring(0, key.length() - tail.length());
        String filter = ConfigKeyRegistry.nearest(first, filterNames).orElse(null);
        if (filter != null) {
            return head + filter + afterFirst;
        }
        String rest = afterFirst.substring(1);
        String second = segment(rest);
        filter = ConfigKeyRegistry.nearest(second, filterNames).orElse(null);
        return filter == null || rest.length() - second.length() <= 1
                ? null
                : head + first + "." + filter + rest.substring(second.length());
    }

    private static String segment(String text) {
        return ConfigKeyRegistry.segment(text);
    }

    /** The value quoted, unless the key looks like it holds a secret or is a misspelt secret key. */
    private static String shown(Setting setting, String nearest) {
        String key = setting.key().toLowerCase(Locale.ROOT);
        boolean secret = key.contains("auth")
                || key.contains("password")
                || key.contains("secret")
                || key.contains("token")
                || (nearest != null
                        && ConfigKeys.registry()
                                .match(nearest)
                                .map(known -> known.type().secret())
                                .orElse(false));
        return secret ? "'<hidden>'" : "'" + setting.text() + "'";
    }

    private static String suggestion(String nearest) {
        return ConfigKeyRegistry.didYouMean(Optional.ofNullable(nearest));
    }
}
