package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceInstance;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of the {@code dubbo://} URL an instance asks to be registered with in Dubbo's layout
 * ({@link ServiceInstance#METADATA_DUBBO_URL_PARAMETERS}), with the instance's own application name.
 */
final class DubboUrls {

    private DubboUrls() {}

    /** The parameters, sorted by name; empty when the instance asks for no Dubbo registration. */
    static Map<String, String> parameters(ServiceInstance instance) {
        String query = instance.metadata().get(ServiceInstance.METADATA_DUBBO_URL_PARAMETERS);
        Map<String, String> parameters = query == null ? new TreeMap<>() : parse(query);
        if (query != null && !instance.application().isEmpty()) {
            parameters.put("application", instance.application());
        }
        return parameters;
    }

    /** The parameters of a URL's query {@code name=value&...}, raw, sorted by name. */
    static Map<String, String> parse(String query) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return parameters;
    }

    /** {@code name=value&...} of {@code parameters}, raw, as Dubbo's own URLs are written. */
    static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(name).append('=').append(value);
        });
        return query.toString();
    }
}
