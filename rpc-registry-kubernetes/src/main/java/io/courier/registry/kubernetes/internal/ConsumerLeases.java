package io.courier.registry.kubernetes.internal;

import io.courier.api.ServiceKey;
import io.courier.core.store.ConsumerRecord;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's consumer announcements, for operators ({@link io.courier.api.store.RegistryCatalog#consumers}):
 * one {@code coordination.k8s.io} Lease per followed service, held by the client's id, renewed every
 * third of the session timeout and deleted when the service is no longer followed. A Lease not renewed
 * for its duration (its consumer crashed) is left out of the catalog.
 *
 * <pre>
 * Lease courier-consumer-&lt;32 hex of SHA-256(root, service key, consumer id)&gt;
 *   labels:      courier.io/root  courier.io/service  courier.io/kind=consumer
 *   annotations: courier.io/consumer=&lt;ConsumerRecord's JSON&gt;  courier.io/service-key=&lt;service key&gt;
 *   spec:        holderIdentity=&lt;id&gt;  leaseDurationSeconds  renewTime
 * </pre>
 *
 * Thread-safe: requests run on {@code renewer}, one at a time.
 */
public final class ConsumerLeases {

    public static final String CONSUMER = "consumer";
    static final String RECORD_ANNOTATION = "courier.io/consumer";
    static final String SERVICE_KEY_ANNOTATION = "courier.io/service-key";
    private static final Logger log = LoggerFactory.getLogger(ConsumerLeases.class);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final String namespace;
    private final SliceLayout layout;
    private final ConsumerRecord record;
    private final int durationSeconds;
    private final ScheduledExecutorService renewer;
    private final Set<ServiceKey> announced = ConcurrentHashMap.newKeySet();

    public ConsumerLeases(
            KubernetesClient client,
            String namespace,
            SliceLayout layout,
            ConsumerRecord record,
            long sessionTimeoutMillis,
            ScheduledExecutorService renewer) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
        this.record = record;
        this.durationSeconds = (int) Math.max(1, (sessionTimeoutMillis + 999) / 1000);
        this.renewer = renewer;
        long period = Math.max(100, sessionTimeoutMillis / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** Announces this client as a consumer of {@code serviceKey}. */
    public void announce(ServiceKey serviceKey) {
        if (announced.add(serviceKey)) {
            run(() -> write(serviceKey));
        }
    }

    /** Withdraws the announcement of {@code serviceKey}. */
    public void withdraw(ServiceKey serviceKey) {
        if (announced.remove(serviceKey)) {
            run(() -> delete(serviceKey));
        }
    }

    /** Deletes every announcement now (on the caller's thread). */
    public void close() {
        List<ServiceKey> keys = List.copyOf(announced);
        announced.clear();
        keys.forEach(this::delete);
    }

    /** The Lease's name for {@code serviceKey} and consumer {@code id}. */
    static String name(SliceLayout layout, ServiceKey serviceKey, String id) {
        return "courier-consumer-"
                + SliceLayout.sha256(layout.root() + " " + serviceKey + " " + id)
                        .substring(0, 32);
    }

    /** The labels of every consumer Lease of {@code serviceKey}. */
    static Map<String, String> selector(SliceLayout layout, ServiceKey serviceKey) {
        return Map.of(
                SliceLayout.ROOT_LABEL,
                layout.root(),
                SliceLayout.SERVICE_LABEL,
                SliceLayout.serviceLabel(serviceKey),
                DocumentLayout.KIND_LABEL,
                CONSUMER);
    }

    /** Whether a consumer Lease was renewed within its duration, by {@code now}. */
    static boolean live(Lease lease, Instant now) {
        var spec = lease.getSpec();
        if (spec == null || spec.getRenewTime() == null || spec.getLeaseDurationSeconds() == null) {
            return false;
        }
        try {
            Instant renewed = spec.getRenewTime().toInstant();
            return renewed.plusSeconds(spec.getLeaseDurationSeconds()).isAfter(now);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void renewAll() {
        String patch = "{\"spec\":{\"renewTime\":\"" + now() + "\"}}";
        for (ServiceKey serviceKey : announced) {
            try {
                client.leases()
                        .inNamespace(namespace)
                        .withName(name(layout, serviceKey, record.id()))
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && announced.contains(serviceKey)) {
                    write(serviceKey); // deleted behind this client's back
                } else {
                    log.debug("Renewing the consumer announcement of {} failed: {}", serviceKey, e.getMessage());
                }
            }
        }
    }

    private void write(ServiceKey serviceKey) {
        Lease lease = new LeaseBuilder()
                .withNewMetadata()
                .withName(name(layout, serviceKey, record.id()))
                .addToLabels(selector(layout, serviceKey))
                .addToAnnotations(RECORD_ANNOTATION, new String(record.data(), StandardCharsets.UTF_8))
                .addToAnnotations(SERVICE_KEY_ANNOTATION, serviceKey.toString())
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(record.id())
                .withLeaseDurationSeconds(durationSeconds)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                .endSpec()
                .build();
        try {
            client.leases().inNamespace(namespace).resource(lease).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // 409: already there, renewed by the next round
                log.warn("Announcing this consumer of {} failed; retrying: {}", serviceKey, e.getMessage());
                announced.remove(serviceKey);
                try {
                    renewer.schedule(() -> announce(serviceKey), durationSeconds, TimeUnit.SECONDS);
                } catch (RejectedExecutionException closing) {
                    // the registry is closing
                }
            }
        }
    }

    private void delete(ServiceKey serviceKey) {
        try {
            client.leases()
                    .inNamespace(namespace)
                    .withName(name(layout, serviceKey, record.id()))
                    .delete();
        } catch (KubernetesClientException e) {
            log.debug("Withdrawing the consumer announcement of {} failed: {}", serviceKey, e.getMessage());
        }
    }

    private void run(Runnable task) {
        try {
            renewer.execute(task);
        } catch (RejectedExecutionException e) {
            // the registry is closing; close() deletes what is left
        }
    }

    private static String now() {
        return MICRO_TIME.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
