package io.courier.registry.etcd.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.Internal;
import io.courier.api.ServiceKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Where Courier's keys live in etcd under the configured root; the same paths as the ZooKeeper
 * registry's nodes, so that an operator reads both the same way:
 *
 * <pre>
 * &lt;root&gt;/&lt;serviceKey&gt;/providers/&lt;host:port&gt;   under the registry's lease, value = instance (JSON, format 1)
 * &lt;root&gt;/&lt;serviceKey&gt;/consumers/&lt;id&gt;          under the registry's lease, value = the consumer (JSON, format 1)
 * &lt;root&gt;/&lt;serviceKey&gt;/config                    the service's own configuration document (YAML)
 * &lt;root&gt;/&lt;serviceKey&gt;/metadata/&lt;digest&gt;       a metadata document
 * &lt;root&gt;/_config/&lt;env&gt;/applications/&lt;app&gt;     an application's configuration document (YAML)
 * &lt;root&gt;/_config/&lt;env&gt;/services/&lt;serviceKey&gt;  a service's configuration document (YAML)
 * &lt;document&gt;/_versions/&lt;0000000007&gt;            one kept version of a document (JSON, format 1)
 * &lt;root&gt;/_coordination/&lt;kind&gt;/&lt;name&gt;/&lt;id&gt;   locks, semaphores, elections: keys under a lease
 * &lt;root&gt;/_connection                         never written: a client watches it to hear its connection break
 * </pre>
 *
 * The service key's text form and the endpoint are percent-encoded into one segment each: every
 * byte of their UTF-8 form other than ASCII letters, digits and {@code . _ - : $} becomes {@code
 * %XX}, so {@code g/a.B:1} is {@code g%2Fa.B:1} and no segment holds a {@code /}.
 */
@Internal
public final class KeyLayout {

    private final String root;

    /** @param root an absolute path; {@code /} places the services at the top level */
    public KeyLayout(String root) {
        Objects.requireNonNull(root, "root");
        this.root = root.equals("/") ? "" : root;
    }

    /** {@code <root>/<serviceKey>/providers/}, the prefix of every provider key of the service. */
    public String providers(ServiceKey serviceKey) {
        return root + "/" + encode(serviceKey.toString()) + "/providers/";
    }

    public String provider(ServiceKey serviceKey, Endpoint endpoint) {
        return providers(serviceKey) + encode(endpoint.toString());
    }

    /** {@code <root>/_connection}, a key nobody writes, watched to hear the connection break. */
    public String connectionProbe() {
        return root + "/_connection";
    }

    /** {@code <root>/}, the prefix of every key of this registry. */
    public String root() {
        return root + "/";
    }

    /** {@code <root>/<serviceKey>/consumers/}, the prefix of the consumer keys of the service. */
    public String consumers(ServiceKey serviceKey) {
        return root + "/" + encode(serviceKey.toString()) + "/consumers/";
    }

    public String consumer(ServiceKey serviceKey, String id) {
        return consumers(serviceKey) + encode(id);
    }

    /** {@code <root>/<serviceKey>/config}: the service's own document, the first configuration layer. */
    public String config(ServiceKey serviceKey) {
        return root + "/" + encode(serviceKey.toString()) + "/config";
    }

    /** {@code <root>/<serviceKey>/metadata/}, the prefix of the service's metadata documents. */
    public String metadata(ServiceKey serviceKey) {
        return root + "/" + encode(serviceKey.toString()) + "/metadata/";
    }

    /** {@code <root>/_config/}, the prefix of every environment's documents. */
    public String configRoot() {
        return root + "/_config/";
    }

    /** {@code <root>/_config/<environment>/applications/}. */
    public String applicationConfigs(String environment) {
        return configRoot() + encode(environment) + "/applications/";
    }

    /** {@code <root>/_config/<environment>/services/}. */
    public String serviceConfigs(String environment) {
        return configRoot() + encode(environment) + "/services/";
    }

    public String applicationConfig(String environment, String application) {
        return applicationConfigs(environment) + encode(application);
    }

    public String serviceConfig(String environment, ServiceKey serviceKey) {
        return serviceConfigs(environment) + encode(serviceKey.toString());
    }

    /** {@code <root>/_config/<environment>/declarations/<application>}: the application's key declarations. */
    public String declarations(String environment, String application) {
        return configRoot() + encode(environment) + "/declarations/" + encode(application);
    }

    /** {@code <document>/_versions/}, the prefix of a document's kept versions. */
    public static String versions(String document) {
        return document + "/_versions/";
    }

    /** {@code <root>/_coordination/<kind>/<name>/}, the prefix of one primitive's keys. */
    public String coordination(String kind, String name) {
        return root + "/_coordination/" + kind + "/" + encode(name) + "/";
    }

    /**
     * The first segment of {@code key} after {@code prefix}, decoded, or null if {@code key} has no
     * such segment or it is not one {@link #encode} makes.
     *
     * @param whole whether the segment must be the rest of the key (no {@code /} after it)
     */
    public static String segment(String key, String prefix, boolean whole) {
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return null;
        }
        int end = key.indexOf('/', prefix.length());
        if (end >= 0 && whole) {
            return null;
        }
        return decode(key.substring(prefix.length(), end < 0 ? key.length() : end));
    }

    /**
     * The services named by the first segment of {@code keys} under {@link #root()} for which {@code
     * select} holds (given the key and its decoded segment), sorted by text form; a segment that is
     * not a service key ({@code _config}, {@code _coordination}, anything else) is left out.
     */
    public List<ServiceKey> services(Iterable<String> keys, BiPredicate<String, String> select) {
        String prefix = root();
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            String name = segment(key, prefix, false);
            if (name != null && !name.startsWith("_") && select.test(key, name)) {
                names.add(name);
            }
        }
        List<ServiceKey> services = new ArrayList<>();
        for (String name : names) {
            try {
                services.add(ServiceKey.parse(name));
            } catch (IllegalArgumentException e) {
                // not a service segment
            }
        }
        services.sort(Comparator.comparing(ServiceKey::toString));
        return services;
    }

    /** The text {@link #encode} made {@code segment} of, or null if it could not have made it. */
    public static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80 && c != '%' && c != '/') {
                bytes.write(c);
            } else {
                return null;
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return encode(text).equals(segment) ? text : null;
    }

    public static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_:$".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
