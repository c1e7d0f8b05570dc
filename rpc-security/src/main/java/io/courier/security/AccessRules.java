package io.courier.security;

import io.courier.api.MethodDescriptor;
import io.courier.api.config.ConfigKey;
import io.courier.api.filter.FilterContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the access rules of one service at bind time: for every method, each of
 * {@code access.roles}, {@code access.scopes}, {@code access.subjects} and
 * {@code access.certificate-names} from the method's key if set, else the service's.
 */
final class AccessRules {

    static final List<ConfigKey<?>> OPTIONS = List.of(
            SecurityKeys.ACCESS_ROLES,
            SecurityKeys.ACCESS_SCOPES,
            SecurityKeys.ACCESS_SUBJECTS,
            SecurityKeys.ACCESS_CERTIFICATE_NAMES,
            SecurityKeys.ACCESS_DEFAULT);

    private AccessRules() {}

    /** Whether any access option is set for the service or one of its methods. */
    static boolean configured(FilterContext context) {
        return OPTIONS.stream().anyMatch(context::anySet);
    }

    /** The rule of every method of the service, by descriptor. */
    static Map<String, AccessRule> of(FilterContext context) {
        Map<String, AccessRule> rules = new HashMap<>();
        for (MethodDescriptor method : context.service().methods()) {
            rules.put(method.descriptor(), rule(context, method));
        }
        return rules;
    }

    /** The keys' types check every name (scope syntax, certificate name types) when they are read. */
    private static AccessRule rule(FilterContext context, MethodDescriptor method) {
        Set<String> roles = names(context, SecurityKeys.ACCESS_ROLES, method);
        Set<String> scopes = names(context, SecurityKeys.ACCESS_SCOPES, method);
        Set<String> subjects = names(context, SecurityKeys.ACCESS_SUBJECTS, method);
        Set<String> certificateNames = names(context, SecurityKeys.ACCESS_CERTIFICATE_NAMES, method);
        boolean ruled = !(roles.isEmpty() && scopes.isEmpty() && subjects.isEmpty() && certificateNames.isEmpty());
        String fallback = context.forMethodOrService(SecurityKeys.ACCESS_DEFAULT, method)
                .orElse(SecurityKeys.ACCESS_DEFAULT.defaultValue());
        return new AccessRule(roles, scopes, subjects, certificateNames, !ruled && fallback.equals("deny"));
    }

    private static Set<String> names(FilterContext context, ConfigKey<List<String>> key, MethodDescriptor method) {
        return context.forMethodOrService(key, method).map(Set::copyOf).orElse(Set.of());
    }
}
