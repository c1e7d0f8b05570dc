package io.courier.registry.mdns.internal;

import io.courier.api.ServiceInstance;
import io.courier.core.document.DocumentException;
import io.courier.core.document.InstanceCodec;
import io.courier.core.document.Interner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.jmdns.ServiceInfo;

/**
 * How Courier's providers look in DNS-SD. One service instance of type {@value #TYPE} per Courier
 * service at an endpoint under a root, named {@code courier-<hash of root, service key and endpoint>}
 * (unique, and the same after a restart), its SRV record pointing at the provider's port and its TXT
 * record holding:
 *
 * <pre>
 * root=/courier                         the registry root (tests and estates share a network)
 * service=blue/io.example.Orders:2.0    the service key
 * d0=... d1=... (up to d5)              the whole instance document, format 1, in 200-byte parts
 * </pre>
 *
 * A document larger than {@value #MAX_DOCUMENT_BYTES} bytes is refused: a TXT record must fit in one
 * multicast DNS message with its neighbours. Thread-safe.
 */
public final class MdnsLayout {

    public static final String TYPE = "_courier._tcp.local.";
    public static final int MAX_DOCUMENT_BYTES = 1_000;
    static final String ROOT_KEY = "root";
    static final String SERVICE_KEY = "service";
    static final String PART_PREFIX = "d";
    private static final int PART_BYTES = 200;

    private final String root;

    public MdnsLayout(String root) {
        this.root = root;
    }

    /** The DNS-SD instance name of {@code instance}: a label of 20 characters. */
    public String name(ServiceInstance instance) {
        String identity = root + "|" + instance.serviceKey() + "|" + instance.endpoint();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "courier-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The TXT properties of {@code instance}.
     *
     * @throws IllegalArgumentException if its document is too large for a TXT record
     */
    public Map<String, Object> text(ServiceInstance instance) {
        byte[] document = InstanceCodec.encode(instance);
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("instance: " + instance.serviceKey() + " at " + instance.endpoint()
                    + " is a document of " + document.length + " bytes (expected: at most " + MAX_DOCUMENT_BYTES
                    + " for mdns, whose TXT record must fit in one multicast DNS message; fewer methods, tags or"
                    + " serializers, or a zookeeper:// or etcd:// registry)");
        }
        Map<String, Object> text = new LinkedHashMap<>();
        text.put(ROOT_KEY, root);
        text.put(SERVICE_KEY, instance.serviceKey().toString());
        for (int part = 0; part * PART_BYTES < document.length; part++) {
            int from = part * PART_BYTES;
            text.put(
                    PART_PREFIX + part,
                    Arrays.copyOfRange(document, from, Math.min(document.length, from + PART_BYTES)));
        }
        return text;
    }

    /**
     * The Courier instance a TXT record of this root holds, or {@code null} for another root's, or
     * something else's that shares the service type.
     *
     * @throws DocumentException if it claims this root but holds no readable instance
     */
    ServiceInstance read(ServiceInfo txt, Interner interner) throws DocumentException {
        if (!root.equals(txt.getPropertyString(ROOT_KEY))) {
            return null;
        }
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        for (int part = 0; part <= MAX_DOCUMENT_BYTES / PART_BYTES; part++) {
            byte[] bytes = txt.getPropertyBytes(PART_PREFIX + part);
            if (bytes == null) {
                break;
            }
            document.writeBytes(bytes);
        }
        return InstanceCodec.decode(document.toByteArray(), interner);
    }
}
