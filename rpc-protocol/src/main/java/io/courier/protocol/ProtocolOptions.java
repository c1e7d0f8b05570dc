package io.courier.protocol;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.api.internal.Arguments;
import io.courier.protocol.internal.Header;

/**
 * The protocol's limits, one set per server or client, read once at start-up. Immutable; validated
 * when built, with errors that name the key.
 *
 * @param maxFrameLength the largest body a frame may carry, in bytes, checked from the header
 *     before anything is allocated (default 8 MiB; 1 to 2,147,483,631)
 * @param maxAttachments the most attachments one request or response may carry (default 64)
 * @param maxAttachmentBytes the most UTF-8 bytes all attachment keys and values of one message may
 *     add up to (default 16 KiB)
 * @param maxDepth the deepest nesting of objects, collections and arrays a read may build (default
 *     100)
 * @param maxCollectionLength the largest element count of one collection, map or array a read may
 *     build (default 1,048,576)
 * @param maxStringLength the largest string or byte array a read may build, in bytes or chars
 *     (default 8 MiB)
 */
public record ProtocolOptions(
        int maxFrameLength,
        int maxAttachments,
        int maxAttachmentBytes,
        int maxDepth,
        int maxCollectionLength,
        int maxStringLength) {

    /**
     * The key of {@link #maxFrameLength()}, which rpc-bootstrap reads and lists in its catalog; named here by
     * the refusal of a request over the limit.
     */
    public static final ConfigKey<Integer> MAX_FRAME_LENGTH_KEY = ConfigKey.of(
            "courier.protocol.max-frame-length",
            ValueType.integer(1, Integer.MAX_VALUE - 16),
            8 * 1024 * 1024,
            "8388608",
            "The largest frame body in bytes, checked from the header before anything is allocated.");

    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTACHMENTS = 64;
    public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 100;
    public static final int DEFAULT_MAX_COLLECTION_LENGTH = 1 << 20;
    public static final int DEFAULT_MAX_STRING_LENGTH = 8 * 1024 * 1024;

    /** The header plus the body must fit a Java array index. */
    public static final int LARGEST_MAX_FRAME_LENGTH = Integer.MAX_VALUE - Header.LENGTH;

    public ProtocolOptions {
        Arguments.checkPositive(maxFrameLength, "maxFrameLength");
        if (maxFrameLength > LARGEST_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException(
                    "maxFrameLength: " + maxFrameLength + " (expected: <= " + LARGEST_MAX_FRAME_LENGTH + ")");
        }
        Arguments.checkNotNegative(maxAttachments, "maxAttachments");
        Arguments.checkNotNegative(maxAttachmentBytes, "maxAttachmentBytes");
        Arguments.checkPositive(maxDepth, "maxDepth");
        Arguments.checkNotNegative(maxCollectionLength, "maxCollectionLength");
        Arguments.checkNotNegative(maxStringLength, "maxStringLength");
    }

    /** The options with every default. */
    public static ProtocolOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .maxFrameLength(maxFrameLength)
                .maxAttachments(maxAttachments)
                .maxAttachmentBytes(maxAttachmentBytes)
                .maxDepth(maxDepth)
                .maxCollectionLength(maxCollectionLength)
                .maxStringLength(maxStringLength);
    }

    /** Builds {@link ProtocolOptions}; starts from the defaults. */
    public static final class Builder {
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;
        private int maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxCollectionLength = DEFAULT_MAX_COLLECTION_LENGTH;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;

        private Builder() {}

        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        public Builder maxAttachments(int maxAttachments) {
            this.maxAttachments = maxAttachments;
            return this;
        }

        public Builder maxAttachmentBytes(int maxAttachmentBytes) {
            this.maxAttachmentBytes = maxAttachmentBytes;
            return this;
        }

        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        public Builder maxCollectionLength(int maxCollectionLength) {
            this.maxCollectionLength = maxCollectionLength;
            return this;
        }

        public Builder maxStringLength(int maxStringLength) {
            this.maxStringLength = maxStringLength;
            return this;
        }

        public ProtocolOptions build() {
            return new ProtocolOptions(
                    maxFrameLength, maxAttachments, maxAttachmentBytes, maxDepth, maxCollectionLength, maxStringLength);
        }
    }
}
