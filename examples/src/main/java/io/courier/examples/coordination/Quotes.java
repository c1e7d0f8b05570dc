package io.courier.examples.coordination;

import io.courier.api.Idempotent;

/** A leader-only service: only the current leader of group {@code quotes} is registered. */
public interface Quotes {

    /** Today's quote, signed by the instance that served it. */
    @Idempotent
    String today();
}
