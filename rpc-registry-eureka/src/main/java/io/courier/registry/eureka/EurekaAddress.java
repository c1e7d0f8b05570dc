package io.courier.registry.eureka;

import io.courier.api.Endpoint;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code eureka://host:port[/path][?fetchMillis=n]} address: the Eureka server's REST API over plain
 * HTTP at {@code http://host:port/path} ({@code /eureka} without a path, as Spring Cloud's server
 * serves it), and how often consumers fetch the registry ({@value #DEFAULT_FETCH_MILLIS} ms by
 * default, {@value #MIN_FETCH_MILLIS} to {@value #MAX_FETCH_MILLIS}).
 */
record EurekaAddress(URI base, long fetchMillis) {

    static final String SCHEME = "eureka://";
    static final long DEFAULT_FETCH_MILLIS = 5_000;
    static final long MIN_FETCH_MILLIS = 100;
    static final long MAX_FETCH_MILLIS = 300_000;
    private static final String EXPECTED = " (expected: eureka://host:port[/path][?fetchMillis=n])";
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    private static final Pattern QUERY = Pattern.compile("fetchMillis=([0-9]{1,9})");

    static EurekaAddress parse(String address) {
        if (!address.startsWith(SCHEME)) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
        }
        String rest = address.substring(SCHEME.length());
        long fetchMillis = DEFAULT_FETCH_MILLIS;
        int question = rest.indexOf('?');
        if (question >= 0) {
            Matcher query = QUERY.matcher(rest.substring(question + 1));
            if (!query.matches()) {
                throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
            }
            fetchMillis = Long.parseLong(query.group(1));
            if (fetchMillis < MIN_FETCH_MILLIS || fetchMillis > MAX_FETCH_MILLIS) {
                throw new IllegalArgumentException("fetchMillis: " + fetchMillis + " (expected: " + MIN_FETCH_MILLIS
                        + " to " + MAX_FETCH_MILLIS + ")");
            }
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String server = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/eureka" : rest.substring(slash);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
        }
        try {
            return new EurekaAddress(URI.create("http://" + Endpoint.parse(server) + path), fetchMillis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED, e);
        }
    }
}
