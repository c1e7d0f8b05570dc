package io.courier.registry.kubernetes.internal;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordination Leases of one root and namespace, each written only with the resourceVersion last read
 * (the API server refuses a stale one with 409), so of two clients taking the same Lease one wins:
 *
 * <pre>
 * Lease courier-&lt;kind&gt;-&lt;32 hex of SHA-256(root, kind, name)&gt;      kind: lock | election
 *   labels:      courier.io/root  courier.io/kind=&lt;kind&gt;
 *   annotations: courier.io/name=&lt;the lock's name or the election's group&gt;
 *   spec:        holderIdentity  leaseDurationSeconds  acquireTime  renewTime
 *                leaseTransitions (+1 at every grant: the fencing token)
 * </pre>
 *
 * A Lease is free when it has no holder or was not renewed for its duration (by the reader's clock).
 * Releasing clears the holder and keeps the Lease, so its transitions, the tokens, only grow. Methods
 * throw {@link KubernetesClientException} when the API server fails or cannot be reached.
 */
final class LeaseRecords {

    static final String LOCK = "lock";
    static final String ELECTION = "election";
    private static final String NAME_ANNOTATION = "courier.io/name";
    private static final Logger log = LoggerFactory.getLogger(LeaseRecords.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String root;
    private final int durationSeconds;

    LeaseRecords(KubernetesClient client, String namespace, String root, int durationSeconds) {
        this.client = client;
        this.namespace = namespace;
        this.root = root;
        this.durationSeconds = durationSeconds;
    }

    int durationSeconds() {
        return durationSeconds;
    }

    /** The Lease's name for {@code name} of {@code kind}. */
    String leaseName(String kind, String name) {
        return "courier-" + kind + "-"
                + SliceLayout.sha256(root + " " + kind + " " + name).substring(0, 32);
    }

    /**
     * Takes the Lease of {@code name} for {@code holder} if it is free or already {@code holder}'s.
     *
     * @return the new term, or null if another holder has it or won the race for it
     */
    LeaseTerm take(String kind, String name, String holder) {
        String leaseName = leaseName(kind, name);
        Lease current = lease(leaseName).get();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        try {
            if (current == null) {
                return term(
                        holder,
                        client.leases()
                                .inNamespace(namespace)
                                .resource(fresh(kind, name, leaseName, holder, now))
                                .create());
            }
            LeaseSpec spec = current.getSpec();
            if (!holder.equals(spec.getHolderIdentity()) && !isFree(spec, now)) {
                return null;
            }
            int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
            spec.setHolderIdentity(holder);
            spec.setLeaseDurationSeconds(durationSeconds);
            spec.setAcquireTime(now);
            spec.setRenewTime(now);
            spec.setLeaseTransitions(transitions + 1);
            return term(
                    holder,
                    client.leases().inNamespace(namespace).resource(current).update());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null; // another client wrote first
            }
            throw e;
        }
    }

    /**
     * Renews {@code term}.
     *
     * @return the renewed term, or null if the Lease changed since {@code term} was written (it expired
     *     and was taken, or was removed): the term is over
     */
    LeaseTerm renew(LeaseTerm term) {
        try {
            Lease current = lease(term.lease()).get();
            if (current == null
                    || !term.resourceVersion().equals(current.getMetadata().getResourceVersion())) {
                return null;
            }
            current.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
            return term(
                    term.holder(),
                    client.leases().inNamespace(namespace).resource(current).update());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw e;
        }
    }

    /** Clears the holder of {@code term}'s Lease if it is still this term's; failures are logged. */
    void release(LeaseTerm term) {
        try {
            Lease current = lease(term.lease()).get();
            if (current == null || !term.holder().equals(current.getSpec().getHolderIdentity())) {
                return;
            }
            current.getSpec().setHolderIdentity(null);
            current.getSpec().setRenewTime(null);
            client.leases().inNamespace(namespace).resource(current).update();
        } catch (KubernetesClientException e) {
            // 409: renewed or taken meanwhile; otherwise the Lease expires after its duration
            log.debug("Releasing Lease {} (token {}) failed: {}", term.lease(), term.token(), e.getMessage());
        }
    }

    private Resource<Lease> lease(String leaseName) {
        return client.leases().inNamespace(namespace).withName(leaseName);
    }

    private boolean isFree(LeaseSpec spec, ZonedDateTime now) {
        if (spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty() || spec.getRenewTime() == null) {
            return true;
        }
        int duration = spec.getLeaseDurationSeconds() == null ? durationSeconds : spec.getLeaseDurationSeconds();
        return !spec.getRenewTime().plusSeconds(duration).isAfter(now);
    }

    private Lease fresh(String kind, String name, String leaseName, String holder, ZonedDateTime now) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withName(leaseName)
                .addToLabels(SliceLayout.ROOT_LABEL, root)
                .addToLabels(DocumentLayout.KIND_LABEL, kind)
                .addToAnnotations(NAME_ANNOTATION, name)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(durationSeconds)
                .withAcquireTime(now)
                .withRenewTime(now)
                .withLeaseTransitions(1)
                .endSpec()
                .build();
    }

    private static LeaseTerm term(String holder, Lease written) {
        return new LeaseTerm(
                written.getMetadata().getName(),
                holder,
                written.getSpec().getLeaseTransitions(),
                written.getMetadata().getResourceVersion());
    }
}
