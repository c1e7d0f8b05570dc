package io.courier.security;

import io.courier.api.MethodDescriptor;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the access rules of one service at bind time: for every method, each of
 * {@code access.roles}, {@code access.scopes}, {@code access.subjects} and
 * {@code access.certificate-names} from the method's key if set, else the service's.
 */
final class AccessRules {

    static final List<String> OPTIONS =
            List.of("access.roles", "access.scopes", "access.subjects", "access.certificate-names", "access.default");

    /** RFC 6749 section 3.3 scope-token. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private static final List<String> NAME_TYPES = List.of("CN=", "DNS:", "IP:", "URI:", "EMAIL:");

    private AccessRules() {}

    /** Whether any access option is set for the service or one of its methods. */
    static boolean configured(FilterProperties properties) {
        return OPTIONS.stream().anyMatch(properties::anySet);
    }

    /** The rule of every method of the service, by descriptor. */
    static Map<String, AccessRule> of(FilterProperties properties) {
        Map<String, AccessRule> rules = new HashMap<>();
        for (MethodDescriptor method : properties.context().service().methods()) {
            rules.put(method.descriptor(), rule(properties, method));
        }
        return rules;
    }

    private static AccessRule rule(FilterProperties properties, MethodDescriptor method) {
        Set<String> roles = names(properties.forMethodOrService(method, "access.roles"), "one or more role names");
        Set<String> scopes = names(properties.forMethodOrService(method, "access.scopes"), "one or more scope names");
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw properties
                        .forMethodOrService(method, "access.scopes")
                        .get()
                        .invalid("scope names of printable ASCII without spaces, quotes or backslashes");
            }
        }
        Set<String> subjects = names(properties.forMethodOrService(method, "access.subjects"), "one or more subjects");
        Optional<Setting> certificateSetting = properties.forMethodOrService(method, "access.certificate-names");
        Set<String> certificateNames = names(certificateSetting, "one or more certificate names");
        for (String name : certificateNames) {
            if (NAME_TYPES.stream().noneMatch(name::startsWith)) {
                throw new Setting(certificateSetting.get().key(), name)
                        .invalid(
                                "a certificate name starting with one of " + NAME_TYPES + ", e.g. DNS:orders.internal");
            }
        }
        boolean ruled = !(roles.isEmpty() && scopes.isEmpty() && subjects.isEmpty() && certificateNames.isEmpty());
        String fallback = properties
                .forMethodOrService(method, "access.default")
                .map(setting -> setting.asChoice("authenticated", "deny"))
                .orElse("authenticated");
        return new AccessRule(roles, scopes, subjects, certificateNames, !ruled && fallback.equals("deny"));
    }

    private static Set<String> names(Optional<Setting> setting, String expectation) {
        if (setting.isEmpty()) {
            return Set.of();
        }
        List<String> items = setting.get().asList();
        if (items.isEmpty()) {
            throw setting.get().invalid(expectation + ", comma-separated");
        }
        return Set.copyOf(items);
    }
}
