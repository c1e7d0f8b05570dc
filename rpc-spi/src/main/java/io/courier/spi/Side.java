package io.courier.spi;

/** Which end of a call an activated extension (a filter, typically) runs on. */
public enum Side {
    /** In the process that makes the call, before the request is sent. */
    CONSUMER,
    /** In the process that serves the call, before the implementation runs. */
    PROVIDER
}
