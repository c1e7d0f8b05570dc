package io.courier.grpc;

/**
 * The limits of gRPC on a provider's port. Immutable; built with {@link #builder()}.
 *
 * @param maxMessageBytes the largest message a call may send, after decompression (default 4 MiB, as
 *     grpc-java's); a larger one ends the call {@code RESOURCE_EXHAUSTED} before it is buffered
 * @param maxConcurrentStreams HTTP/2 streams one connection may have open (default 1,000); more are
 *     refused by the HTTP/2 layer with {@code REFUSED_STREAM}
 * @param maxHeaderListBytes the largest header block of a request (default 8 KiB)
 */
public record GrpcOptions(int maxMessageBytes, int maxConcurrentStreams, int maxHeaderListBytes) {

    /** The defaults. */
    public static final GrpcOptions DEFAULTS = builder().build();

    public GrpcOptions {
        positive(maxMessageBytes, "maxMessageBytes");
        positive(maxConcurrentStreams, "maxConcurrentStreams");
        positive(maxHeaderListBytes, "maxHeaderListBytes");
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GrpcOptions}; every setter is optional. */
    public static final class Builder {
        private int maxMessageBytes = 4 * 1024 * 1024;
        private int maxConcurrentStreams = 1_000;
        private int maxHeaderListBytes = 8 * 1024;

        private Builder() {}

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = streams;
            return this;
        }

        public Builder maxHeaderListBytes(int bytes) {
            this.maxHeaderListBytes = bytes;
            return this;
        }

        public GrpcOptions build() {
            return new GrpcOptions(maxMessageBytes, maxConcurrentStreams, maxHeaderListBytes);
        }
    }
}
