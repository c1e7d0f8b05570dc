package io.courier.registry.kubernetes.internal;

import io.courier.core.coordination.Grant;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The lock Leases this coordination holds, by holder identity, each with its grant and its last term;
 * {@link #renewAll} renews the valid ones. A term found changed ends its grant; an API server that fails
 * or cannot be reached ends every grant at once (through {@code interrupted}), since the Leases may expire
 * before it answers again. Thread-safe; {@link #renewAll} runs on the coordination's scheduler.
 */
final class LeaseRenewals {

    private record Held(Grant grant, LeaseTerm term) {}

    private final LeaseRecords records;
    private final Consumer<String> interrupted;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    LeaseRenewals(LeaseRecords records, Consumer<String> interrupted) {
        this.records = records;
        this.interrupted = interrupted;
    }

    void add(Grant grant, LeaseTerm term) {
        held.put(term.holder(), new Held(grant, term));
    }

    /** Stops renewing {@code holder}'s Lease and clears its holder (on the caller's thread). */
    void release(String holder) {
        Held gone = held.remove(holder);
        if (gone != null) {
            records.release(gone.term());
        }
    }

    void renewAll() {
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            Held current = entry.getValue();
            if (!current.grant().isValid()) {
                continue; // ended; its holder's close clears the Lease
            }
            LeaseTerm renewed;
            try {
                renewed = records.renew(current.term());
            } catch (KubernetesClientException e) {
                interrupted.accept("the Kubernetes API server failed or could not be reached (" + e.getMessage() + ")");
                return;
            }
            if (renewed == null) {
                current.grant().invalidate("its Lease " + current.term().lease() + " expired and changed hands");
            } else {
                held.replace(entry.getKey(), current, new Held(current.grant(), renewed));
            }
        }
    }
}
