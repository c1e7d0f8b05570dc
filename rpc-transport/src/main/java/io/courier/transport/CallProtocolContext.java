package io.courier.transport;

/**
 * What a {@link CallProtocolFactory} may read of the application it calls for: its settings, as a
 * port protocol reads them, and the options of the application's own client (I/O threads, connect
 * timeout, TLS, heartbeats), which a call protocol follows where its protocol allows.
 */
public interface CallProtocolContext extends PortProtocolContext {

    /** The options of the application's Courier client. */
    TransportOptions clientOptions();
}
