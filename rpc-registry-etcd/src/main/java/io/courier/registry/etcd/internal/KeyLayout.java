package io.courier.registry.etcd.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where Courier's keys live in etcd under the configured root; the same paths as the ZooKeeper
 * registry's nodes, so that an operator reads both the same way:
 *
 * <pre>
 * &lt;root&gt;/&lt;serviceKey&gt;/providers/&lt;host:port&gt;   under the registry's lease, value = instance (JSON, format 1)
 * </pre>
 *
 * The service key's text form and the endpoint are percent-encoded into one segment each: every
 * byte of their UTF-8 form other than ASCII letters, digits and {@code . _ - : $} becomes {@code
 * %XX}, so {@code g/a.B:1} is {@code g%2Fa.B:1} and no segment holds a {@code /}.
 */
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

    static String encode(String text) {
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
