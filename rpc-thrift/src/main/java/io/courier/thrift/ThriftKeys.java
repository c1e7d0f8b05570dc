package io.courier.thrift;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-thrift's configuration keys, declared to the {@link io.courier.api.config.ConfigKeyRegistry}
 * (registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}).
 */
public final class ThriftKeys implements ConfigKeyCatalog {

    /** Whether the provider's port serves Thrift when rpc-thrift is on the class path. */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of(
            "courier.thrift.enabled",
            ValueType.bool(),
            true,
            "true",
            "Whether the provider's port serves Thrift (framed transport, binary and compact protocols) beside"
                    + " Courier's protocol when rpc-thrift is on the class path (docs/thrift.md).");
    /** {@link ThriftOptions#maxFrameBytes()}. */
    public static final ConfigKey<Integer> MAX_FRAME_BYTES = ConfigKey.of(
            "courier.thrift.max-frame-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            ThriftOptions.DEFAULTS.maxFrameBytes(),
            "4194304",
            "The largest Thrift frame (one call) a caller may send; a larger one is refused with a"
                    + " TApplicationException and the connection closed before it is buffered.");
    /** {@link ThriftOptions#frameDeadlineMillis()}. */
    public static final ConfigKey<Long> FRAME_DEADLINE_MILLIS = ConfigKey.of(
            "courier.thrift.frame-deadline-millis",
            ValueType.longInteger(1, Long.MAX_VALUE),
            ThriftOptions.DEFAULTS.frameDeadlineMillis(),
            "10000",
            "How long a Thrift frame may take to arrive from its first byte before the connection is closed.");
    /** {@link ThriftOptions#maxDepth()}. */
    public static final ConfigKey<Integer> MAX_DEPTH = ConfigKey.of(
            "courier.thrift.max-depth",
            ValueType.integer(1, 1024),
            ThriftOptions.DEFAULTS.maxDepth(),
            "32",
            "The deepest nesting of structs, lists and maps a Thrift call may send, skipped fields included; a"
                    + " deeper one is refused unrun.");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ENABLED, MAX_FRAME_BYTES, FRAME_DEADLINE_MILLIS, MAX_DEPTH);
    }
}
