package io.courier.grpc;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-grpc's configuration keys, declared to the {@link io.courier.api.config.ConfigKeyRegistry}
 * (registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}).
 */
public final class GrpcKeys implements ConfigKeyCatalog {

    /** Whether the provider's port serves gRPC when rpc-grpc is on the class path. */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of(
            "courier.grpc.enabled",
            ValueType.bool(),
            true,
            "true",
            "Whether the provider's port serves gRPC (HTTP/2 with prior knowledge) beside Courier's protocol when"
                    + " rpc-grpc is on the class path (docs/grpc.md).");
    /** {@link GrpcOptions#maxMessageBytes()}. */
    public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = ConfigKey.of(
            "courier.grpc.max-message-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            GrpcOptions.DEFAULTS.maxMessageBytes(),
            "4194304",
            "The largest gRPC message a call may send, after decompression; a larger one ends the call"
                    + " RESOURCE_EXHAUSTED before it is buffered. A consumer calling gRPC servers refuses a larger"
                    + " answer the same way (PAYLOAD_TOO_LARGE).");
    /** {@link GrpcOptions#maxConcurrentStreams()}. */
    public static final ConfigKey<Integer> MAX_CONCURRENT_STREAMS = ConfigKey.of(
            "courier.grpc.max-concurrent-streams",
            ValueType.integer(1, Integer.MAX_VALUE),
            GrpcOptions.DEFAULTS.maxConcurrentStreams(),
            "1000",
            "HTTP/2 streams one gRPC connection may have open (SETTINGS_MAX_CONCURRENT_STREAMS); more are refused"
                    + " with REFUSED_STREAM.");
    /** {@link GrpcOptions#maxHeaderListBytes()}. */
    public static final ConfigKey<Integer> MAX_HEADER_LIST_BYTES = ConfigKey.of(
            "courier.grpc.max-header-list-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            GrpcOptions.DEFAULTS.maxHeaderListBytes(),
            "8192",
            "The largest header block of a gRPC request (SETTINGS_MAX_HEADER_LIST_SIZE), and of a gRPC server's"
                    + " answer to a consumer.");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ENABLED, MAX_MESSAGE_BYTES, MAX_CONCURRENT_STREAMS, MAX_HEADER_LIST_BYTES);
    }
}
