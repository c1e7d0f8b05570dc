package io.courier.observability;

import io.courier.api.config.ConfigKey;
import java.net.URI;

/** The exporters' endpoint settings: an http(s) URL when set, else the exporter's default. */
final class HttpEndpoints {

    private HttpEndpoints() {}

    /**
     * {@code value} checked to be an http(s) URL, or {@code fallback} if it is not set.
     *
     * @throws IllegalArgumentException naming {@code key} and the expected form
     */
    static String orDefault(ConfigKey<String> key, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    key.name() + ": '" + value + "' (expected: an http:// or https:// URL, e.g. " + fallback + ")");
        }
        return uri.toString();
    }
}
