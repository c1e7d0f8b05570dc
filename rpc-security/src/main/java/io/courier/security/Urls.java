package io.courier.security;

import io.courier.api.config.ValueType;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/** Endpoint addresses of identity providers: HTTPS, or plain HTTP to this machine only. */
final class Urls {

    private Urls() {}

    /**
     * {@code text} as an absolute https URI, or http to a loopback address (development, tests).
     *
     * @throws ValueType.Rejected naming what was expected
     */
    static URI https(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ValueType.Rejected(text, "an absolute https:// URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new ValueType.Rejected(text, "an absolute https:// URL");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && loopback(uri.getHost())) {
            return uri;
        }
        throw new ValueType.Rejected(text, "an https:// URL (plain http only to a loopback address)");
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only literal addresses are judged (IPv4 digits and dots, or IPv6 with colons), so that no
        // name is ever resolved at start-up.
        boolean literal = bare.matches("[0-9.]+") || (bare.contains(":") && bare.matches("[0-9a-fA-F:.]+"));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
