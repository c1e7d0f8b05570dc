package io.courier.security;

import io.courier.api.Identity;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call one method. Each set that is not empty must be satisfied: at least one of
 * {@code roles}, every one of {@code scopes}, at least one of {@code subjects}, at least one of
 * {@code certificateNames}. A rule with every set empty admits any authenticated caller, unless
 * {@code denyAll}.
 *
 * @param roles roles of which the caller needs one
 * @param scopes scopes the caller needs all of
 * @param subjects subjects of which the caller must be one
 * @param certificateNames certificate names ({@code CN=}, {@code DNS:}, {@code IP:}, {@code URI:},
 *     {@code EMAIL:}) of which the caller's certificate must carry one
 * @param denyAll whether the method is closed to everyone ({@code access.default=deny} and no rule)
 */
record AccessRule(
        Set<String> roles, Set<String> scopes, Set<String> subjects, Set<String> certificateNames, boolean denyAll) {

    AccessRule {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        subjects = Set.copyOf(subjects);
        certificateNames = Set.copyOf(certificateNames);
    }

    /** The first permission {@code caller} lacks, worded for a refusal; empty when admitted. */
    Optional<String> missing(Optional<Identity> caller) {
        if (denyAll) {
            return Optional.of("a rule (access.default is deny and this method has none)");
        }
        if (caller.isEmpty()) {
            return Optional.of("an authenticated caller (no verified token or client certificate)");
        }
        Identity identity = caller.get();
        if (!roles.isEmpty() && roles.stream().noneMatch(identity.roles()::contains)) {
            return Optional.of("a role of " + sorted(roles));
        }
        for (String scope : sorted(scopes)) {
            if (!identity.scopes().contains(scope)) {
                return Optional.of("scope " + scope);
            }
        }
        if (!subjects.isEmpty() && !subjects.contains(identity.subject())) {
            return Optional.of("a subject of " + sorted(subjects));
        }
        if (!certificateNames.isEmpty() && certificateNames.stream().noneMatch(identity.names()::contains)) {
            return Optional.of("a certificate name of " + sorted(certificateNames));
        }
        return Optional.empty();
    }

    private static java.util.List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
