package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads the providers a stock Apache Dubbo provider registers in Dubbo's interface-level ZooKeeper
 * layout: each a node under {@code /dubbo/<interface>/providers} whose name is the URL-encoded {@code
 * dubbo://host:port/interface?parameters} URL (the node holds no data). An entry becomes an instance
 * called over {@code dubbo} ({@link ServiceInstance#METADATA_CALL_PROTOCOL}) when it is of the
 * service's group and version and enabled; the entries Courier's own providers write there ({@code
 * release=courier}) are left out, since their Courier entries list them already.
 */
final class DubboProviderUrls {

    /** The call protocol of the instances read from Dubbo's layout. */
    static final String DUBBO = "dubbo";

    private DubboProviderUrls() {}

    /** Where Dubbo's providers of {@code serviceKey}'s interface register. */
    static String providersPath(ServiceKey serviceKey) {
        return Layout.DUBBO_ROOT + "/" + serviceKey.interfaceName() + "/providers";
    }

    /**
     * The provider of {@code serviceKey} that the node {@code name} registers, or {@code null} when it
     * is not one to call: another protocol, group or version, disabled, Courier's own, or not a URL.
     */
    static ServiceInstance parse(ServiceKey serviceKey, String name) {
        String url;
        try {
            url = URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String prefix = DUBBO + "://";
        if (!url.startsWith(prefix)) {
            return null;
        }
        int pathStart = url.indexOf('/', prefix.length());
        if (pathStart < 0) {
            return null;
        }
        Endpoint endpoint = endpoint(url.substring(prefix.length(), pathStart));
        int queryStart = url.indexOf('?', pathStart);
        Map<String, String> parameters = queryStart < 0 ? Map.of() : DubboUrls.parse(url.substring(queryStart + 1));
        String path = url.substring(pathStart + 1, queryStart < 0 ? url.length() : queryStart);
        String interfaceName = parameters.getOrDefault("interface", path);
        if (endpoint == null
                || !interfaceName.equals(serviceKey.interfaceName())
                || !parameters.getOrDefault("group", "").equals(serviceKey.group())
                || !version(parameters.get("version")).equals(serviceKey.version())
                || "false".equals(parameters.get("enabled"))
                || "true".equals(parameters.get("disabled"))
                || "courier".equals(parameters.get("release"))) {
            return null;
        }
        try {
            return ServiceInstance.builder(serviceKey, endpoint)
                    .application(parameters.getOrDefault("application", ""))
                    .weight((int) Math.max(1, Math.min(10_000, number(parameters.get("weight"), 100))))
                    .startedAtMillis(Math.max(0, number(parameters.get("timestamp"), 0)))
                    .warmupMillis(Math.max(0, number(parameters.get("warmup"), 0)))
                    .serializers(List.of(parameters.getOrDefault("serialization", "hessian2")))
                    .metadata(Map.of(ServiceInstance.METADATA_CALL_PROTOCOL, DUBBO))
                    .build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Endpoint endpoint(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || authority.lastIndexOf(']') > colon) {
            return null;
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return Endpoint.of(host, Integer.parseInt(authority.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Dubbo writes no version as absent, empty or {@code 0.0.0}. */
    private static String version(String version) {
        return version == null || version.equals("0.0.0") ? "" : version;
    }

    private static long number(String text, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
