package io.courier.cluster.scenario;

import io.courier.api.Idempotent;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;

/**
 * The service the scenarios call. Every method records the request id in the provider's
 * {@link Ledger} when it runs and returns the index of the provider that ran it.
 */
public interface LedgerService {

    ServiceKey KEY = ServiceKey.of(LedgerService.class);
    ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(LedgerService.class);
    MethodDescriptor WRITE = DESCRIPTOR.find("write(long)");
    MethodDescriptor READ = DESCRIPTOR.find("read(long)");
    MethodDescriptor REFRESH = DESCRIPTOR.find("refresh(long)");

    /** Not idempotent: running it twice for one request id is the bug the ledger catches. */
    int write(long requestId);

    @Idempotent
    int read(long requestId);

    /** Sent to every provider by broadcast. */
    int refresh(long requestId);
}
