package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.protocol.ProtocolOptions;
import java.util.List;

/**
 * What both sides of a connection share: the transport's heartbeats and buffers, the protocol's
 * limits. Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class WireKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- transport, both sides ---
    public static final ConfigKey<Boolean> TRANSPORT_NATIVE = KEYS.define(
            "courier.transport.native",
            ValueType.bool(),
            true,
            "true",
            "Whether Netty's native epoll transport is used on Linux when it is available.");
    public static final ConfigKey<Long> TRANSPORT_HEARTBEAT_INTERVAL_MILLIS = KEYS.define(
            "courier.transport.heartbeat-interval-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            15_000L,
            "15000",
            "How long a client connection may be silent before it sends a heartbeat; a connection silent for three"
                    + " intervals is closed.");
    public static final ConfigKey<Integer> TRANSPORT_WRITE_BUFFER_LOW = KEYS.define(
            "courier.transport.write-buffer-low-water-mark",
            ValueType.integer(1, Integer.MAX_VALUE),
            256 * 1024,
            "262144",
            "Queued outbound bytes below which a connection is writable again.");
    public static final ConfigKey<Integer> TRANSPORT_WRITE_BUFFER_HIGH = KEYS.define(
            "courier.transport.write-buffer-high-water-mark",
            ValueType.integer(1, Integer.MAX_VALUE),
            1024 * 1024,
            "1048576",
            "Queued outbound bytes at which a connection becomes unwritable; a server connection then stops"
                    + " reading requests until its peer catches up.");

    // --- protocol limits, both sides ---
    public static final ConfigKey<Integer> PROTOCOL_MAX_FRAME_LENGTH = KEYS.list(ProtocolOptions.MAX_FRAME_LENGTH_KEY);
    public static final ConfigKey<Integer> PROTOCOL_MAX_ATTACHMENTS = KEYS.define(
            "courier.protocol.max-attachments",
            ValueType.integer(0, 65_535),
            64,
            "64",
            "The most attachments one request or response may carry.");
    public static final ConfigKey<Integer> PROTOCOL_MAX_ATTACHMENT_BYTES = KEYS.define(
            "courier.protocol.max-attachment-bytes",
            ValueType.integer(0, Integer.MAX_VALUE),
            16 * 1024,
            "16384",
            "The most UTF-8 bytes the attachment keys and values of one message may add up to.");
    public static final ConfigKey<Integer> PROTOCOL_MAX_DEPTH = KEYS.define(
            "courier.protocol.max-depth",
            ValueType.integer(1, 10_000),
            100,
            "100",
            "The deepest nesting of objects, collections and arrays a deserialized value may have.");
    public static final ConfigKey<Integer> PROTOCOL_MAX_COLLECTION_LENGTH = KEYS.define(
            "courier.protocol.max-collection-length",
            ValueType.integer(0, Integer.MAX_VALUE),
            1 << 20,
            "1048576",
            "The largest element count of one deserialized collection, map or array.");
    public static final ConfigKey<Integer> PROTOCOL_MAX_STRING_LENGTH = KEYS.define(
            "courier.protocol.max-string-length",
            ValueType.integer(0, Integer.MAX_VALUE),
            8 * 1024 * 1024,
            "8388608",
            "The largest deserialized string or byte array, in chars or bytes.");

    private WireKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}
