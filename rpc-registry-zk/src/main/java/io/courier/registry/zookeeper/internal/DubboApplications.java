package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.core.document.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Courier providers that ask for it in Apache Dubbo 3's application-level service
 * discovery on ZooKeeper, where Dubbo 3 consumers look first in their default mode
 * ({@code APPLICATION_FIRST}): per endpoint an ephemeral instance {@code /services/<app>/<host:port>}
 * (Curator's service-discovery JSON, as Dubbo's {@code ZookeeperInstance}), the application's
 * metadata {@code /dubbo/metadata/<app>/<revision>} (Dubbo's {@code MetadataInfo} JSON, its storage
 * type "remote", so consumers read it from ZooKeeper and never ask the provider), and the
 * interface-to-application mapping {@code /dubbo/mapping/<interface>}. An endpoint's revision is a
 * digest of its services, so adding or removing a service publishes new metadata and points the
 * instance at it; the instance goes with the endpoint's last service.
 *
 * <p>An instance asks for it with {@code register-mode=instance} or {@code all} in its {@link
 * ServiceInstance#METADATA_DUBBO_URL_PARAMETERS}. The persistent nodes are written on this class's own
 * thread (ZooKeeper may be slow); the instance node is kept by {@link EphemeralNodes} like every other.
 * Thread-safe.
 */
public final class DubboApplications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DubboApplications.class);
    private static final int MAPPING_ATTEMPTS = 5;

    /** The services of one endpoint's application. */
    private record Application(String name, Map<String, String> services) {}

    private final CuratorFramework client;
    private final EphemeralNodes nodes;
    private final String threadName;
    // guarded by this
    private ExecutorService writer;
    private final Map<Endpoint, Application> applications = new HashMap<>();
    /** The revision each endpoint's instance node is to point at: the last one published. */
    private final Map<Endpoint, String> revisions = new HashMap<>();

    public DubboApplications(CuratorFramework client, EphemeralNodes nodes, String threadName) {
        this.client = client;
        this.nodes = nodes;
        this.threadName = threadName;
    }

    /** The thread of the persistent writes, started by the first (most registries never need it). */
    private ExecutorService writer() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }
        return writer;
    }

    /** Whether {@code instance} asks for application-level registration in Dubbo's layout. */
    public static boolean wanted(ServiceInstance instance) {
        String mode = DubboUrls.parameters(instance).get("register-mode");
        return "instance".equals(mode) || "all".equals(mode);
    }

    /** Adds {@code instance}'s service to its endpoint's application. */
    public void add(ServiceInstance instance) {
        Map<String, String> parameters = DubboUrls.parameters(instance);
        String app = application(instance);
        String matchKey = matchKey(instance);
        String service = serviceInfo(instance, parameters);
        String interfaceName = instance.serviceKey().interfaceName();
        synchronized (this) {
            applications
                    .computeIfAbsent(instance.endpoint(), endpoint -> new Application(app, new TreeMap<>()))
                    .services()
                    .put(matchKey, service);
            publish(instance.endpoint(), List.of(interfaceName));
        }
    }

    /** Removes {@code instance}'s service; the endpoint's instance node goes with its last service. */
    public void remove(ServiceInstance instance) {
        synchronized (this) {
            Application application = applications.get(instance.endpoint());
            if (application == null || application.services().remove(matchKey(instance)) == null) {
                return;
            }
            if (application.services().isEmpty()) {
                applications.remove(instance.endpoint());
                revisions.remove(instance.endpoint());
                nodes.remove(instancePath(application.name(), instance.endpoint()));
                return;
            }
            publish(instance.endpoint(), List.of());
        }
    }

    /** Writes the endpoint's metadata and mappings, then points its instance node at them. */
    private void publish(Endpoint endpoint, List<String> newInterfaces) {
        Application application = applications.get(endpoint);
        String services = services(application.services());
        String revision = revision(application.name(), services);
        byte[] metadata = metadata(application.name(), revision, services);
        byte[] instance = instance(application.name(), endpoint, revision);
        String app = application.name();
        revisions.put(endpoint, revision);
        writer().execute(() -> {
            try {
                ensure("/dubbo/metadata/" + app + "/" + revision, metadata);
                for (String interfaceName : newInterfaces) {
                    map(interfaceName, app);
                }
            } catch (Exception e) {
                // the instance still goes up: consumers that cannot read its metadata skip it
                log.warn(
                        "Could not write Dubbo's application metadata of {} ({}); Dubbo consumers in"
                                + " application-level discovery may not find it",
                        app,
                        e.toString());
            }
            synchronized (this) {
                // only if it is still wanted: a later change publishes its own
                if (revision.equals(revisions.get(endpoint))) {
                    nodes.put(instancePath(app, endpoint), instance);
                }
            }
        });
    }

    private void ensure(String path, byte[] data) throws Exception {
        if (client.checkExists().forPath(path) == null) {
            try {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            } catch (KeeperException.NodeExistsException e) {
                // written by another instance of the application: the same revision, the same content
            }
        }
    }

    /** Adds {@code app} to the applications Dubbo's mapping lists for {@code interfaceName}. */
    private void map(String interfaceName, String app) throws Exception {
        String path = "/dubbo/mapping/" + interfaceName;
        for (int attempt = 0; attempt < MAPPING_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(path);
            } catch (KeeperException.NoNodeException e) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(path, app.getBytes(StandardCharsets.UTF_8));
                    return;
                } catch (KeeperException.NodeExistsException raced) {
                    continue;
                }
            }
            Set<String> apps = new LinkedHashSet<>();
            for (String listed : new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8).split(",")) {
                if (!listed.isBlank()) {
                    apps.add(listed.strip());
                }
            }
            if (!apps.add(app)) {
                return;
            }
            try {
                client.setData()
                        .withVersion(stat.getVersion())
                        .forPath(path, String.join(",", apps).getBytes(StandardCharsets.UTF_8));
                return;
            } catch (KeeperException.BadVersionException raced) {
                // another application mapped itself meanwhile: read again
            }
        }
        log.warn("Could not add {} to Dubbo's mapping of {} after {} attempts", app, interfaceName, MAPPING_ATTEMPTS);
    }

    private static String application(ServiceInstance instance) {
        return instance.application().isEmpty() ? "courier" : instance.application();
    }

    /** Dubbo's key of a service in an application's metadata: {@code group/interface:version:dubbo}. */
    private static String matchKey(ServiceInstance instance) {
        StringBuilder key = new StringBuilder();
        if (!instance.serviceKey().group().isEmpty()) {
            key.append(instance.serviceKey().group()).append('/');
        }
        key.append(instance.serviceKey().interfaceName());
        if (!instance.serviceKey().version().isEmpty()) {
            key.append(':').append(instance.serviceKey().version());
        }
        return key.append(":dubbo").toString();
    }

    /** One service as Dubbo's {@code ServiceInfo} JSON. */
    private static String serviceInfo(ServiceInstance instance, Map<String, String> parameters) {
        JsonWriter json = new JsonWriter(512).beginObject();
        if (!instance.serviceKey().group().isEmpty()) {
            json.field("group", instance.serviceKey().group());
        }
        json.field("name", instance.serviceKey().interfaceName())
                .field("params", parameters)
                .field("path", instance.serviceKey().interfaceName())
                .field("port", instance.endpoint().port())
                .field("protocol", "dubbo");
        if (!instance.serviceKey().version().isEmpty()) {
            json.field("version", instance.serviceKey().version());
        }
        return json.endObject().text();
    }

    private static String services(Map<String, String> services) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> service : services.entrySet()) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(new JsonWriter(64).value(service.getKey()).text())
                    .append(": ")
                    .append(service.getValue());
        }
        return json.append('}').toString();
    }

    /** A digest of the application's services: equal services, equal revision, in every instance. */
    private static String revision(String app, String services) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((app + services).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private static byte[] metadata(String app, String revision, String services) {
        String head = new JsonWriter(128)
                .beginObject()
                .field("app", app)
                .field("revision", revision)
                .text();
        return (head + ", \"services\": " + services + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Curator's service-discovery record of the instance, with Dubbo's instance payload. */
    private static byte[] instance(String app, Endpoint endpoint, String revision) {
        String id = endpoint.host() + ":" + endpoint.port();
        String endpoints = new JsonWriter(64)
                .beginArray()
                .beginObject()
                .field("port", endpoint.port())
                .field("protocol", "dubbo")
                .endObject()
                .endArray()
                .text();
        long now = System.currentTimeMillis();
        Map<String, String> metadata = new HashMap<>();
        metadata.put("dubbo.endpoints", endpoints);
        metadata.put("dubbo.metadata.revision", revision);
        metadata.put("dubbo.metadata.storage-type", "remote");
        metadata.put("meta-v", "1.0.0");
        metadata.put("timestamp", Long.toString(now));
        JsonWriter json = new JsonWriter(768)
                .beginObject()
                .field("name", app)
                .field("id", id)
                .field("address", endpoint.host())
                .field("port", endpoint.port())
                .name("sslPort")
                .nullValue()
                .name("payload")
                .beginObject()
                .field("@class", "org.apache.dubbo.registry.zookeeper.ZookeeperInstance")
                .field("id", id)
                .field("name", app)
                .field("metadata", metadata)
                .endObject()
                .field("registrationTimeUTC", now)
                .field("serviceType", "DYNAMIC")
                .name("uriSpec")
                .nullValue()
                .endObject();
        return json.bytes();
    }

    private static String instancePath(String app, Endpoint endpoint) {
        return "/services/" + app + "/" + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public void close() {
        ExecutorService writer;
        synchronized (this) {
            writer = this.writer;
        }
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }
}
