package io.courier.config.live;

/** A second service on the same providers, for circuit breaking. */
public interface Flaky {

    /** The provider's name, after {@code millis}. */
    String sleep(long millis);
}
