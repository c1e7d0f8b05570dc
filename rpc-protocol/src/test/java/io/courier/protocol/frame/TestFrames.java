package io.courier.protocol.frame;

import io.netty.buffer.ByteBuf;

/**
 * The frames only the decoder makes, built for the tests of other packages (the serializers' limits
 * tests decode a request body without a connection); the constructors stay package-private in main.
 */
public final class TestFrames {

    private TestFrames() {}

    /** A request frame as {@link FrameDecoder} would have read it, holding {@code body}. */
    public static InboundRequest request(long requestId, byte serializerId, boolean oneway, ByteBuf body) {
        return new InboundRequest(requestId, serializerId, oneway, body);
    }
}
