package io.courier.transport;

/** What a {@link PortProtocol} makes of a connection's first bytes. */
public enum Detection {
    /** The bytes begin this protocol's connection preface: the protocol serves the connection. */
    MATCH,
    /** The bytes cannot begin this protocol's connection. */
    NO_MATCH,
    /** The bytes so far begin this protocol's preface, and more are needed to be sure. */
    NEED_MORE
}
