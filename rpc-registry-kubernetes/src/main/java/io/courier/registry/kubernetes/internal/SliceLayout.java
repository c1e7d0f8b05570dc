package io.courier.registry.kubernetes.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.document.InstanceCodec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Courier's providers live in one namespace of the Kubernetes API: EndpointSlices labelled
 * with the registry's root and the service they serve.
 *
 * <pre>
 * EndpointSlice courier-&lt;32 hex of SHA-256(root, service key, host:port)&gt;
 *   labels:      courier.io/root=&lt;root&gt;  courier.io/service=&lt;service label&gt;
 *                endpointslice.kubernetes.io/managed-by=courier.io
 *   annotations: courier.io/instance=&lt;the instance, InstanceCodec's format 1&gt;
 *                courier.io/lease-millis=&lt;session timeout&gt;  courier.io/renewed-at=&lt;epoch millis&gt;
 *   addressType: IPv4 | IPv6 | FQDN,  endpoints: [{addresses: [host], conditions: {ready: true}}]
 *   ports:       [{name: courier, port: &lt;port&gt;, protocol: TCP}]
 * </pre>
 *
 * A Service's own slices (made by Kubernetes' EndpointSlice controller from its selector) are found by
 * the same two labels, which the controller copies from the Service. Courier's slices carry no {@code
 * kubernetes.io/service-name} label, so kube-proxy never routes a Service's traffic to them.
 */
public final class SliceLayout {

    public static final String ROOT_LABEL = "courier.io/root";
    public static final String SERVICE_LABEL = "courier.io/service";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGER = "courier.io";
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String INSTANCE_ANNOTATION = "courier.io/instance";
    /** How long a slice stays without a renewal before its consumers drop it; absent: forever. */
    public static final String LEASE_ANNOTATION = "courier.io/lease-millis";

    public static final String RENEWED_ANNOTATION = "courier.io/renewed-at";
    /** The name of the slice port Courier's protocol is served on. */
    public static final String PORT_NAME = "courier";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
    private static final int READABLE_CHARS = 40;

    private final String root;

    /** @param root the registry's root, {@code /courier}: its label value is {@code courier} */
    public SliceLayout(String root) {
        this.root = rootLabel(root);
    }

    /**
     * The label value of a root: without its leading slash, every other slash a dot.
     *
     * @throws IllegalArgumentException if that is not a Kubernetes label value
     */
    public static String rootLabel(String root) {
        String value = (root.startsWith("/") ? root.substring(1) : root).replace('/', '.');
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("root: '" + root
                    + "' (expected: a path whose text without the leading slash, slashes as dots, is a Kubernetes"
                    + " label value: up to 63 of A-Z a-z 0-9 - _ ., starting and ending with a letter or digit)");
        }
        return value;
    }

    /**
     * The label value of a service: its text with every character a label cannot hold as {@code -},
     * cut to 40 characters, then {@code -} and 12 hex digits of the SHA-256 of the whole text. For
     * {@code blue/io.example.Orders:2.0}: {@code blue-io.example.Orders-2.0-} and the digits.
     */
    public static String serviceLabel(ServiceKey serviceKey) {
        return labelOf(serviceKey.toString());
    }

    /**
     * {@code text} as a label value: every character a label cannot hold as {@code -}, cut to 40
     * characters, then {@code -} and 12 hex digits of the SHA-256 of the whole text.
     */
    static String labelOf(String text) {
        String readable = text.replaceAll("[^A-Za-z0-9_.]", "-");
        readable = readable.substring(0, Math.min(READABLE_CHARS, readable.length()));
        readable = readable.replaceAll("^[^A-Za-z0-9]+", "");
        String digest = sha256(text).substring(0, 12);
        return readable.isEmpty() ? digest : readable + "-" + digest;
    }

    /** The registry's root as a label value. */
    public String root() {
        return root;
    }

    /** The labels that select the slices of {@code serviceKey}. */
    public Map<String, String> selector(ServiceKey serviceKey) {
        return Map.of(ROOT_LABEL, root, SERVICE_LABEL, serviceLabel(serviceKey));
    }

    /** The name of the slice that holds {@code instance}'s registration. */
    public String sliceName(ServiceKey serviceKey, Endpoint endpoint) {
        return "courier-" + sha256(root + " " + serviceKey + " " + endpoint).substring(0, 32);
    }

    /**
     * The slice of a registration.
     *
     * @param leaseMillis how long consumers keep it without a renewal; 0 for a slice that never expires
     */
    public EndpointSlice slice(ServiceInstance instance, long leaseMillis, long renewedAtMillis) {
        EndpointSliceBuilder slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(sliceName(instance.serviceKey(), instance.endpoint()))
                .addToLabels(selector(instance.serviceKey()))
                .addToLabels(MANAGED_BY_LABEL, MANAGER)
                .addToAnnotations(
                        INSTANCE_ANNOTATION, new String(InstanceCodec.encode(instance), StandardCharsets.UTF_8))
                .endMetadata()
                .withAddressType(addressType(instance.endpoint().host()))
                .withEndpoints(new EndpointBuilder()
                        .withAddresses(instance.endpoint().host())
                        .withNewConditions()
                        .withReady(true)
                        .endConditions()
                        .build())
                .addNewPort()
                .withName(PORT_NAME)
                .withPort(instance.endpoint().port())
                .withProtocol("TCP")
                .endPort();
        if (leaseMillis > 0) {
            slice.editMetadata()
                    .addToAnnotations(LEASE_ANNOTATION, Long.toString(leaseMillis))
                    .addToAnnotations(RENEWED_ANNOTATION, Long.toString(renewedAtMillis))
                    .endMetadata();
        }
        return slice.build();
    }

    /**
     * Whether {@code slice} counts at {@code nowMillis} by the wall clock: it has no lease, or was renewed
     * within it. For reads without a watch (the catalog); a feed measures the lease on its own clock.
     */
    static boolean renewedWithinLease(EndpointSlice slice, long nowMillis) {
        Map<String, String> annotations = slice.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(LEASE_ANNOTATION)) {
            return true;
        }
        try {
            long lease = Long.parseLong(annotations.get(LEASE_ANNOTATION));
            long renewed = Long.parseLong(annotations.getOrDefault(RENEWED_ANNOTATION, "0"));
            return renewed + lease > nowMillis;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static String addressType(String host) {
        if (host.indexOf(':') >= 0) {
            return "IPv6";
        }
        return IPV4.matcher(host).matches() ? "IPv4" : "FQDN";
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
