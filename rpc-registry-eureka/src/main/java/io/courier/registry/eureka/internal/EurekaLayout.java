package io.courier.registry.eureka.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.document.InstanceCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How Courier's providers look in Eureka. One Eureka instance per application, endpoint and root:
 * application {@code APP} (the Courier application name, upper case as Eureka keeps it; {@value
 * #DEFAULT_APP} without one), host and port the provider's endpoint, VIP address the application name
 * (what Spring Cloud's {@code DiscoveryClient.getInstances(name)} looks up), and in its metadata:
 *
 * <pre>
 * courier.root        /courier                         the registry root (tests and estates share a server)
 * courier.port        20880                            Courier's port
 * courier.services    io.example.Orders,blue/io.example.Users:2.0   its service keys, comma-separated
 * courier.instance.0  {"format":1,"serviceKey":...}    each service's whole instance, format 1, in that order
 * </pre>
 *
 * An instance registered by anything else (a Spring Cloud Eureka client) is read from {@code
 * courier.services}, {@code courier.port} (else its port) and {@code courier.root} (else the default
 * root) alone. Thread-safe.
 */
public final class EurekaLayout {

    public static final String ROOT_KEY = "courier.root";
    public static final String PORT_KEY = "courier.port";
    public static final String SERVICES_KEY = "courier.services";
    public static final String INSTANCE_KEY_PREFIX = "courier.instance.";
    static final String DEFAULT_APP = "COURIER";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final String idSuffix;

    public EurekaLayout(String root) {
        this.root = root;
        // instance ids are unique per application: a root of its own must not replace the default root's instance
        this.idSuffix = RegistryOptions.DEFAULT_ROOT.equals(root) ? "" : ":" + hash(root);
    }

    public String root() {
        return root;
    }

    /** Eureka's name of the instance's application. */
    public static String app(ServiceInstance instance) {
        return instance.application().isBlank()
                ? DEFAULT_APP
                : instance.application().toUpperCase(Locale.ROOT);
    }

    public String instanceId(Endpoint endpoint) {
        return endpoint + idSuffix;
    }

    /**
     * The body of the registration of {@code instances} (one application and endpoint, at least one):
     * Eureka's instance JSON with a lease of {@code leaseSeconds}, renewed every {@code renewSeconds},
     * and {@code dirtyMillis} as its version (Eureka keeps the registration with the later one).
     */
    public byte[] registration(
            String app,
            Endpoint endpoint,
            List<ServiceInstance> instances,
            int leaseSeconds,
            int renewSeconds,
            long dirtyMillis) {
        return registration(app, instanceId(endpoint), endpoint, instances, leaseSeconds, renewSeconds, dirtyMillis);
    }

    /**
     * As above, under an instance id of the caller's: the tests' raw registrations carry many endpoints'
     * instances in one Eureka instance, so that a step of them is one request.
     */
    public byte[] registration(
            String app,
            String instanceId,
            Endpoint endpoint,
            List<ServiceInstance> instances,
            int leaseSeconds,
            int renewSeconds,
            long dirtyMillis) {
        ObjectNode instance = JSON.createObjectNode();
        instance.put("instanceId", instanceId);
        instance.put("hostName", endpoint.host());
        instance.put("app", app);
        instance.put("ipAddr", endpoint.host());
        instance.put("status", "UP");
        instance.putObject("port").put("$", endpoint.port()).put("@enabled", "true");
        instance.putObject("securePort").put("$", 443).put("@enabled", "false");
        instance.put("countryId", 1);
        instance.putObject("dataCenterInfo")
                .put("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo")
                .put("name", "MyOwn");
        instance.putObject("leaseInfo")
                .put("renewalIntervalInSecs", renewSeconds)
                .put("durationInSecs", leaseSeconds);
        String vip = app.toLowerCase(Locale.ROOT);
        instance.put("vipAddress", vip);
        instance.put("secureVipAddress", vip);
        instance.put("isCoordinatingDiscoveryServer", "false");
        instance.put("lastUpdatedTimestamp", Long.toString(dirtyMillis));
        instance.put("lastDirtyTimestamp", Long.toString(dirtyMillis));
        ObjectNode metadata = instance.putObject("metadata");
        metadata.put(ROOT_KEY, root);
        metadata.put(PORT_KEY, Integer.toString(endpoint.port()));
        metadata.put(
                SERVICES_KEY,
                instances.stream()
                        .map(i -> i.serviceKey().toString())
                        .distinct()
                        .collect(Collectors.joining(",")));
        for (int i = 0; i < instances.size(); i++) {
            metadata.put(
                    INSTANCE_KEY_PREFIX + i,
                    new String(InstanceCodec.encode(instances.get(i)), StandardCharsets.UTF_8));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("instance", instance);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing a tree of strings and numbers cannot fail", e);
        }
    }

    /** Sorted by service key, so that equal sets of instances give equal registrations. */
    public static List<ServiceInstance> ordered(Collection<ServiceInstance> instances) {
        return instances.stream()
                .sorted((a, b) ->
                        a.serviceKey().toString().compareTo(b.serviceKey().toString()))
                .toList();
    }

    private static String hash(String root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
