package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.OutboundFrame;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes on the wire of the benchmark's calls, whole frames with the 16-byte header, as stated
 * in {@code docs/protocol.md}. A change to the encoding fails here until the document is updated.
 */
class WireSizeTest {

    private static final Logger log = LoggerFactory.getLogger(WireSizeTest.class);

    static final ServiceDescriptor SERVICE = ServiceDescriptor.of(ModelService.class);
    static final ServiceKey KEY = ServiceKey.of(ModelService.class);
    final FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());

    int size(OutboundFrame frame) {
        ByteBuf bytes = encoder.encode(UnpooledByteBufAllocator.DEFAULT, frame);
        try {
            return bytes.readableBytes();
        } finally {
            bytes.release();
        }
    }

    Map<String, Integer> measure(Serializer serializer) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(
                "getUser(long) request",
                size(OutboundRequest.of(
                        1, Invocation.of(KEY, SERVICE.find("getUser(long)"), new Object[] {1L}), serializer)));
        sizes.put(
                "User response",
                size(OutboundResponse.ofResult(1, serializer, User.class, RpcResult.of(User.sample(1)))));
        sizes.put(
                "listUser(int) request",
                size(OutboundRequest.of(
                        1, Invocation.of(KEY, SERVICE.find("listUser(int)"), new Object[] {1}), serializer)));
        sizes.put(
                "Page of 15 users response",
                size(OutboundResponse.ofResult(1, serializer, Page.class, RpcResult.of(Page.sample(1, 15)))));
        sizes.put("heartbeat", size(Heartbeat.ping(1)));
        return sizes;
    }

    @Test
    void benchmarkFrames_haveTheDocumentedSizes() {
        Map<String, Integer> protostuff = measure(new ProtostuffSerializer());
        Map<String, Integer> hessian = measure(new HessianSerializer());
        log.info("protostuff frame sizes: {}", protostuff);
        log.info("hessian frame sizes: {}", hessian);
        assertThat(protostuff)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "getUser(long) request", 72,
                        "User response", 226,
                        "listUser(int) request", 72,
                        "Page of 15 users response", 3133,
                        "heartbeat", 16));
        assertThat(hessian)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "getUser(long) request", 71,
                        "User response", 589,
                        "listUser(int) request", 71,
                        "Page of 15 users response", 3463,
                        "heartbeat", 16));
    }
}
