package io.courier.transport;

/**
 * A call handed to a service's executor by {@link PortConnection#submit}: the handle its protocol
 * keeps to cancel it when its caller goes away (a reset HTTP/2 stream, say).
 */
public interface ProviderCall {

    /**
     * Cancels the call. Returns {@code true} if it had not started: it will never run, and its result
     * callback is never called. Otherwise the provider's pending result is cancelled (an asynchronous
     * provider sees its future cancelled; a method already running on a thread runs to its end) and
     * {@code false} returned. Safe from any thread; calls after the first do nothing.
     */
    boolean cancel();
}
