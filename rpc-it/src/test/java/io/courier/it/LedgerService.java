package io.courier.it;

import io.courier.api.Idempotent;

/**
 * What the suite's providers serve. Every method records the request id in the provider's ledger
 * before it works and answers, and answers with the provider's name, so that the consumer knows who
 * served it and the ledgers prove what ran where.
 */
public interface LedgerService {

    /** A read taking {@code millis}: safe to run twice, so the cluster may retry it after any failure. */
    @Idempotent
    String read(long id, int millis);

    /** A write taking {@code millis}: never retried once it may have run. */
    String write(long id, int millis);

    /** A read whose answer is {@code size} bytes long. */
    @Idempotent
    byte[] blob(long id, int size);
}
