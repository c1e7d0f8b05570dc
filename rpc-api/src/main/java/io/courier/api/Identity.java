package io.courier.api;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is calling, as proven to the provider: by a verified bearer token (a JWT) or by the client
 * certificate of a mutual-TLS connection. Read it with {@link RpcContext#identity()} while serving a
 * request; access rules decide on its {@link #roles()}, {@link #scopes()}, {@link #subject()} and
 * {@link #names()}.
 *
 * <p>Immutable and thread-safe; every collection is unmodifiable and never {@code null}. An identity
 * never holds the token or the certificate it was proven with, so that logging it leaks no
 * credential.
 *
 * @param kind how the identity was proven
 * @param subject the token's {@code sub} claim, or the certificate's subject distinguished name
 *     (RFC 2253, e.g. {@code CN=orders,O=Acme})
 * @param issuer the token's {@code iss} claim, or the certificate issuer's distinguished name
 * @param scopes the token's OAuth2 scopes (claims {@code scope} or {@code scp}); empty for a
 *     certificate
 * @param roles the token's roles (claim {@code roles}, and Keycloak's {@code realm_access.roles});
 *     empty for a certificate
 * @param names a certificate's names, each with its type: {@code CN=<common name>}, and every
 *     subject alternative name as {@code DNS:<name>}, {@code IP:<address>}, {@code URI:<uri>} or
 *     {@code EMAIL:<address>}; empty for a token
 * @param claims every claim of a token as JSON values ({@code String}, {@code Number},
 *     {@code Boolean}, {@code List}, {@code Map}; times as seconds since the epoch); empty for a
 *     certificate
 */
public record Identity(
        Kind kind,
        String subject,
        String issuer,
        Set<String> scopes,
        Set<String> roles,
        Set<String> names,
        Map<String, Object> claims) {

    /** How an identity was proven. */
    public enum Kind {
        /** A bearer token (JWT) whose signature, issuer, audience and validity were verified. */
        TOKEN,
        /** A client certificate verified by the TLS handshake against the server's trusted CAs. */
        CERTIFICATE
    }

    /**
     * @throws NullPointerException if any component is {@code null}
     */
    public Identity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
        names = Set.copyOf(names);
        claims = Map.copyOf(claims);
    }

    /** The identity a verified token proves. */
    public static Identity ofToken(
            String subject, String issuer, Set<String> scopes, Set<String> roles, Map<String, Object> claims) {
        return new Identity(Kind.TOKEN, subject, issuer, scopes, roles, Set.of(), claims);
    }

    /**
     * The identity a client certificate proves: its subject, issuer, common name and subject
     * alternative names. The caller (the transport) must have verified the certificate.
     */
    public static Identity ofCertificate(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        Set<String> names = new LinkedHashSet<>();
        commonNames(subject).forEach(cn -> names.add("CN=" + cn));
        names.addAll(alternativeNames(certificate));
        return new Identity(
                Kind.CERTIFICATE,
                subject,
                certificate.getIssuerX500Principal().getName(),
                Set.of(),
                Set.of(),
                names,
                Map.of());
    }

    private static List<String> commonNames(String distinguishedName) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // The JDK printed this name itself; an unparsable one simply has no common name here.
        }
        return names;
    }

    private static List<String> alternativeNames(X509Certificate certificate) {
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (entries == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (List<?> entry : entries) {
            String prefix =
                    switch ((Integer) entry.get(0)) {
                        case 1 -> "EMAIL:";
                        case 2 -> "DNS:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> null;
                    };
            if (prefix != null && entry.get(1) instanceof String value) {
                names.add(prefix + value);
            }
        }
        return names;
    }

    /** Kind and subject only: claims may be personal data and are never printed. */
    @Override
    public String toString() {
        return "Identity[" + kind + " " + subject + "]";
    }
}
