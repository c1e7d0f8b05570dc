package io.courier.serialization.fory;

/**
 * The tag that starts each value of a fory session (docs/protocol.md, 7.2b): a scalar the session
 * writes itself, or a value Fory encodes.
 */
final class ForyValues {

    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    /** A zigzag varint. */
    static final int INT = 3;
    /** A zigzag varint of up to ten bytes. */
    static final int LONG = 4;
    /** A varint length, then that many bytes of UTF-8. */
    static final int STRING = 5;
    /** A varint length, then that many bytes of one Fory value. */
    static final int FORY = 6;
    /**
     * A varint length, then that many bytes of one protostuff value (docs/protocol.md, 7.1): a value
     * Fory cannot write (a class the interface does not reach), read under the same allow-list.
     */
    static final int PROTOSTUFF = 7;

    private ForyValues() {}
}
