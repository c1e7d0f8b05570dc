package io.courier.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.courier.api.Identity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The {@link Identity} a verified token's claims prove. */
final class TokenIdentity {

    private TokenIdentity() {}

    static Identity of(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addWords(scopes, claims.getClaim("scope"));
        addWords(scopes, claims.getClaim("scp"));
        Set<String> roles = new LinkedHashSet<>();
        addWords(roles, claims.getClaim("roles"));
        // Keycloak puts realm roles under realm_access.roles.
        if (claims.getClaim("realm_access") instanceof Map<?, ?> realm) {
            addWords(roles, realm.get("roles"));
        }
        return Identity.ofToken(
                claims.getSubject(), String.valueOf(claims.getIssuer()), scopes, roles, claims.toJSONObject());
    }

    /** A space-separated string (RFC 8693 {@code scope}) or a JSON array of strings. */
    private static void addWords(Set<String> into, Object value) {
        if (value instanceof String text) {
            for (String word : text.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    into.add(word);
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String text && !text.isBlank()) {
                    into.add(text);
                }
            }
        }
    }
}
