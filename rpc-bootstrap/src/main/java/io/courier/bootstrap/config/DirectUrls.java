package io.courier.bootstrap.config;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reference's direct addresses, {@code scheme://host:port} separated by commas: the scheme names the
 * protocol the calls travel by, {@code courier} for Courier's own, or a call protocol's name such as
 * {@code grpc} (a stock gRPC server, with {@code rpc-grpc} on the class path). Every address of one
 * reference has the same scheme.
 *
 * @param protocol the addresses' scheme; {@code courier} when there are none
 */
public record DirectUrls(String protocol, List<Endpoint> endpoints) {

    /** What an address looks like, for messages. */
    static final String FORM = "courier://host:port or grpc://host:port, several of one scheme separated by commas";

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9-]*");

    /** No direct address. */
    static final DirectUrls NONE = new DirectUrls(ServiceInstance.COURIER_PROTOCOL, List.of());

    public DirectUrls {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Parses {@code scheme://host:port[,scheme://host:port]}.
     *
     * @throws IllegalArgumentException naming the entry when one is not of that form, or when two
     *     schemes differ
     */
    public static DirectUrls parse(String urls) {
        String protocol = null;
        List<Endpoint> endpoints = new ArrayList<>();
        for (String url : Arrays.stream(urls.split(",")).map(String::trim).toList()) {
            int separator = url.indexOf("://");
            String scheme = separator > 0 ? url.substring(0, separator) : "";
            if (!SCHEME.matcher(scheme).matches()) {
                throw new IllegalArgumentException("'" + url + "' (expected: " + FORM + ")");
            }
            if (protocol != null && !protocol.equals(scheme)) {
                throw new IllegalArgumentException("'" + url + "' (expected: the scheme of the others, " + protocol
                        + "://; one reference calls by one protocol)");
            }
            protocol = scheme;
            String address = url.substring(separator + 3);
            int slash = address.indexOf('/');
            endpoints.add(Endpoint.parse(slash >= 0 ? address.substring(0, slash) : address));
        }
        return new DirectUrls(protocol == null ? ServiceInstance.COURIER_PROTOCOL : protocol, endpoints);
    }

    /** Sets the reference's direct endpoints and their protocol, when there are any. */
    public ReferenceOptions.Builder applyTo(ReferenceOptions.Builder builder) {
        return endpoints.isEmpty()
                ? builder
                : builder.directEndpoints(endpoints).protocol(protocol);
    }
}
