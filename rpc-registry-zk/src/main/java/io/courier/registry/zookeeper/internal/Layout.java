package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.Internal;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Where Courier's nodes live under the configured root:
 *
 * <pre>
 * &lt;root&gt;/&lt;serviceKey&gt;/providers/&lt;host:port&gt;   ephemeral, data = instance metadata
 * &lt;root&gt;/&lt;serviceKey&gt;/consumers/&lt;consumer id&gt; ephemeral, data = consumer description
 * &lt;root&gt;/&lt;serviceKey&gt;/config                  persistent, data = dynamic configuration
 * &lt;root&gt;/&lt;serviceKey&gt;/metadata/&lt;digest&gt;      persistent, data = service metadata (JSON)
 * &lt;root&gt;/_config/&lt;env&gt;/applications/&lt;application&gt;  persistent, data = configuration document
 * &lt;root&gt;/_config/&lt;env&gt;/services/&lt;serviceKey&gt;      persistent, data = configuration document
 * &lt;root&gt;/_config/&lt;env&gt;/.../_versions/&lt;number&gt;     persistent, data = one kept version (JSON)
 * </pre>
 *
 * The top-level name {@code _config} is reserved for the configuration centre; listings of services skip it.
 *
 * The service key's text form ({@code [group/]interface[:version]}) is percent-encoded so that it is
 * one path segment: every character except ASCII letters, digits and {@code . _ - : $} becomes
 * {@code %XX} of its UTF-8 bytes (so {@code g/a.B:1} is {@code g%2Fa.B:1}).
 */
@Internal
public final class Layout {

    private final String root;

    /** @param root an absolute path; {@code /} places the service nodes at the top level */
    public Layout(String root) {
        Objects.requireNonNull(root, "root");
        this.root = root.equals("/") ? "" : root;
    }

    public String root() {
        return root.isEmpty() ? "/" : root;
    }

    public String service(ServiceKey serviceKey) {
        return root + "/" + encode(serviceKey.toString());
    }

    public String providers(ServiceKey serviceKey) {
        return service(serviceKey) + "/providers";
    }

    public String provider(ServiceKey serviceKey, Endpoint endpoint) {
        return providers(serviceKey) + "/" + encode(endpoint.toString());
    }

    /**
     * Where Apache Dubbo's consumers look for a provider of {@code instance} (interface-level
     * registration): {@code /dubbo/<interface>/providers/<URL-encoded dubbo:// URL>}, or {@code null}
     * when the instance does not ask for it ({@link ServiceInstance#METADATA_DUBBO_URL_PARAMETERS}) or asks
     * for application-level registration only ({@code register-mode=instance}).
     * Outside Courier's root: Dubbo's consumers know only their own.
     */
    public static String dubboProvider(ServiceInstance instance) {
        if (!instance.metadata().containsKey(ServiceInstance.METADATA_DUBBO_URL_PARAMETERS)) {
            return null;
        }
        Map<String, String> dubboParameters = DubboUrls.parameters(instance);
        if ("instance".equals(dubboParameters.get("register-mode"))) {
            return null; // application-level only (DubboApplications)
        }
        String parameters = DubboUrls.query(dubboParameters);
        String host = instance.endpoint().host();
        String url = "dubbo://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + instance.endpoint().port() + "/" + instance.serviceKey().interfaceName() + "?" + parameters;
        return DUBBO_ROOT + "/" + instance.serviceKey().interfaceName() + "/providers/"
                + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /** The root of Apache Dubbo's ZooKeeper layout (Dubbo's default registry group). */
    public static final String DUBBO_ROOT = "/dubbo";

    public String consumers(ServiceKey serviceKey) {
        return service(serviceKey) + "/consumers";
    }

    public String consumer(ServiceKey serviceKey, String consumerId) {
        return consumers(serviceKey) + "/" + encode(consumerId);
    }

    public String config(ServiceKey serviceKey) {
        return service(serviceKey) + "/config";
    }

    /** {@code <root>/_config}: the configuration centre's environments. */
    public String configRoot() {
        return root + "/_config";
    }

    /** {@code <root>/_config/<environment>}. */
    public String environment(String environment) {
        return configRoot() + "/" + encode(environment);
    }

    /** The folder of the application documents of {@code environment}. */
    public String applicationConfigs(String environment) {
        return environment(environment) + "/applications";
    }

    /** The folder of the service documents of {@code environment}. */
    public String serviceConfigs(String environment) {
        return environment(environment) + "/services";
    }

    /** The configuration document of {@code application} in {@code environment}. */
    public String applicationConfig(String environment, String application) {
        return applicationConfigs(environment) + "/" + encode(application);
    }

    /** The key declarations {@code application} publishes in {@code environment}. */
    public String declarations(String environment, String application) {
        return environment(environment) + "/declarations/" + encode(application);
    }

    /** The configuration document of {@code serviceKey} in {@code environment}. */
    public String serviceConfig(String environment, ServiceKey serviceKey) {
        return serviceConfigs(environment) + "/" + encode(serviceKey.toString());
    }

    public String metadata(ServiceKey serviceKey) {
        return service(serviceKey) + "/metadata";
    }

    public String metadata(ServiceKey serviceKey, String digest) {
        return metadata(serviceKey) + "/" + encode(digest);
    }

    /** The last segment of {@code path}, decoded. */
    public static String nodeName(String path) {
        return decode(path.substring(path.lastIndexOf('/') + 1));
    }

    /** The parent of {@code path} ({@code /} for a top-level node). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String encode(String text) {
        StringBuilder encoded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (keep(c)) {
                if (encoded != null) {
                    encoded.append(c);
                }
                continue;
            }
            if (encoded == null) {
                encoded = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return encoded == null ? text : encoded.toString();
    }

    /** @throws IllegalArgumentException if a {@code %} is not followed by two hex digits */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw new IllegalArgumentException("node name: '" + segment + "' (expected: %XX escapes)");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean keep(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == ':'
                || c == '$';
    }
}
