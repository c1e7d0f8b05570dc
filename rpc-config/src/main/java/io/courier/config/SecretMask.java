package io.courier.config;

import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of an application's secret keys in a document's text before an operator sees it
 * (get, diff). It works on lines, not on the parsed document, so that a version the parser no longer
 * accepts is masked too: a line naming a secret key by its last segment ({@code api-token:} for
 * {@code shop.api-token}, nested, dotted or in a flow mapping) shows {@link KeyDeclaration#HIDDEN} as
 * its value. A key of another name ending in the same segment is hidden too: more is hidden, never less.
 */
final class SecretMask {

    private final List<Pattern> patterns;

    private SecretMask(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The mask of {@code declarations}' secret keys. */
    static SecretMask of(KeyDeclarations declarations) {
        return new SecretMask(declarations.declarations().stream()
                .filter(KeyDeclaration::secret)
                .map(declaration ->
                        declaration.name().substring(declaration.name().lastIndexOf('.') + 1))
                .distinct()
                .map(segment -> Pattern.compile("(" + Pattern.quote(segment) + "[\"']?\\s*:)[^,}\\n]*"))
                .toList());
    }

    /** {@code text} with every secret value hidden. */
    String apply(String text) {
        String masked = text;
        for (Pattern pattern : patterns) {
            masked = pattern.matcher(masked).replaceAll("$1 " + Matcher.quoteReplacement(KeyDeclaration.HIDDEN));
        }
        return masked;
    }
}
