package io.courier.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.Bytes;
import io.courier.protocol.ExportedService;
import io.courier.protocol.GadgetBytes;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.SerializerContractTest;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.TestFrames;
import io.courier.protocol.model.Envelope;
import io.courier.protocol.model.ModelService;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nesting 100,000 deep and length prefixes of 2^31-1 in small frames end in a limit error: no
 * {@code StackOverflowError}, no large allocation.
 */
@Timeout(60)
class LimitsTest {

    static final ServiceKey KEY = ServiceKey.of(ModelService.class);
    static final String ANYTHING = "anything(java.lang.Object)";
    static final String MAX_INT_VARINT = "ffffffff07";
    static final long ALLOCATION_BOUND = 32L << 20;

    final ProtostuffSerializer protostuff = new ProtostuffSerializer();
    final HessianSerializer hessian = new HessianSerializer();
    final ProtocolOptions options = ProtocolOptions.defaults();

    /** Decodes a request carrying {@code arguments} and returns the refusal. */
    RpcException refusal(Serializer serializer, String method, byte[] arguments) {
        return refusal(serializer, Bytes.requestBody(KEY.toString(), method, Map.of(), arguments));
    }

    RpcException refusal(Serializer serializer, byte[] body) {
        Serializers serializers = Serializers.of(serializer);
        ExportedService service = ExportedService.of(
                KEY, ServiceDescriptor.of(ModelService.class), List.of(serializer), SerializerContractTest.POLICY);
        BodyDecoder bodies = new BodyDecoder(options, serializers);
        // warm up class loading and caches so that the allocation measured is the decode's own
        decodeQuietly(
                bodies,
                service,
                serializer,
                Bytes.requestBody(
                        KEY.toString(), ANYTHING, Map.of(), GadgetBytes.value(serializer, "warm", Object.class)));
        long before = allocatedBytes();
        RpcException refusal = decodeQuietly(bodies, service, serializer, body);
        long allocated = allocatedBytes() - before;
        assertThat(refusal).as("refused").isNotNull();
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(ALLOCATION_BOUND);
        return refusal;
    }

    private static RpcException decodeQuietly(
            BodyDecoder bodies, ExportedService service, Serializer serializer, byte[] body) {
        InboundRequest request = TestFrames.request(1, serializer.id(), false, Unpooled.wrappedBuffer(body));
        try {
            bodies.decodeRequest(request, key -> service);
            return null;
        } catch (RpcException e) {
            return e;
        } finally {
            request.release();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Writes on a thread with a stack deep enough for the writer's own recursion. */
    static byte[] writeDeep(Serializer serializer, Object value) throws InterruptedException {
        AtomicReference<byte[]> bytes = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(
                null,
                () -> {
                    try {
                        bytes.set(GadgetBytes.value(serializer, value, Object.class));
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "deep-writer",
                2L << 30);
        writer.start();
        writer.join();
        assertThat(failure.get()).isNull();
        return bytes.get();
    }

    static Object nestedEnvelopes(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            value = new Envelope("level", value);
        }
        return value;
    }

    static Object nestedLists(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            List<Object> list = new ArrayList<>(1);
            list.add(value);
            value = list;
        }
        return value;
    }

    static void assertDepthRefusal(RpcException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
        assertThat(e.getMessage()).contains("nesting deeper than 100").contains("(maxDepth)");
    }

    static void assertLengthRefusal(RpcException e, String fragment) {
        assertThat(e.code()).isIn(ErrorCode.SERIALIZATION, ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).contains(fragment);
    }

    @Test
    void objectsNested100000Deep_endInTheDepthLimit() throws Exception {
        for (Serializer serializer : List.of(protostuff, hessian)) {
            assertDepthRefusal(refusal(serializer, ANYTHING, writeDeep(serializer, nestedEnvelopes(100_000))));
            assertDepthRefusal(refusal(serializer, ANYTHING, writeDeep(serializer, nestedLists(100_000))));
        }
    }

    @Test
    void rawGroupsAndListsNested100000Deep_endInTheDepthLimit() {
        // protostuff: a value holder whose field 5 (unknown) opens 100,000 groups
        byte[] groups = new byte[100_000];
        Arrays.fill(groups, (byte) 0x2B);
        byte[] message = Bytes.concat(groups);
        assertDepthRefusal(
                refusal(protostuff, ANYTHING, Bytes.concat(new byte[] {10}, Bytes.varint(message.length), message)));
        // hessian: 100,000 open variable-length untyped lists
        byte[] lists = new byte[100_000];
        Arrays.fill(lists, (byte) 0x57);
        assertDepthRefusal(refusal(hessian, ANYTHING, lists));
    }

    @Test
    void protocolLengthsOf2Pow31Minus1_inA1KiBFrame_areRefused() {
        byte[] maxVarint = ByteBufUtil.decodeHexDump(MAX_INT_VARINT);
        String key = KEY.toString();
        byte[] badKey = Bytes.concat(maxVarint, new byte[100]);
        assertLengthRefusal(
                refusal(protostuff, badKey), "service key: 2147483647 bytes (expected: <= 1024) at body offset 0");
        byte[] badMethod = Bytes.concat(Bytes.varint(key.length()), Bytes.ascii(key), maxVarint, new byte[100]);
        assertLengthRefusal(refusal(protostuff, badMethod), "method: 2147483647 bytes (expected: <= 4096)");
        byte[] prefix = Bytes.concat(
                Bytes.varint(key.length()), Bytes.ascii(key), Bytes.varint(ANYTHING.length()), Bytes.ascii(ANYTHING));
        assertLengthRefusal(
                refusal(protostuff, Bytes.concat(prefix, maxVarint, new byte[100])),
                "attachment count 2147483647 over the limit of 64");
        assertLengthRefusal(
                refusal(protostuff, Bytes.concat(prefix, new byte[] {1}, maxVarint, new byte[100])),
                "attachments over the limit of 16384 bytes");
    }

    @Test
    void protostuffLengthsOf2Pow31Minus1_inA1KiBFrame_areRefused() {
        byte[] maxVarint = ByteBufUtil.decodeHexDump(MAX_INT_VARINT);
        assertLengthRefusal(
                refusal(
                        protostuff,
                        ANYTHING,
                        Bytes.concat(new byte[] {ProtostuffSerializer.STRING}, maxVarint, new byte[200])),
                "length 2147483647 over 8388608");
        assertLengthRefusal(
                refusal(
                        protostuff,
                        ANYTHING,
                        Bytes.concat(new byte[] {ProtostuffSerializer.DYNAMIC}, maxVarint, new byte[200])),
                "message of 2147483647 bytes");
        assertLengthRefusal(
                refusal(
                        protostuff,
                        "place(io.courier.protocol.model.Order,java.util.List,java.util.Map)",
                        Bytes.concat(
                                new byte[] {ProtostuffSerializer.NULL, ProtostuffSerializer.OBJECTS},
                                maxVarint,
                                new byte[200])),
                "more than 1048576 collection elements");
        assertLengthRefusal(
                refusal(protostuff, ANYTHING, patched(new int[] {5, 6, 7}, "0803", "08" + MAX_INT_VARINT)),
                "more than 1048576 collection elements");
        assertLengthRefusal(
                refusal(protostuff, ANYTHING, patched(new Object[] {"a", "b"}, "1802", "18" + MAX_INT_VARINT)),
                "more than 1048576 collection elements");
        assertLengthRefusal(
                refusal(protostuff, ANYTHING, patched(new Object[] {"a", "b"}, "1001", "10" + MAX_INT_VARINT)),
                "array dimensions 2147483647");
        assertLengthRefusal(
                refusal(
                        protostuff,
                        ANYTHING,
                        patched(new ArrayList<>(List.of("x")), "4a0178", "4a" + MAX_INT_VARINT + "78")),
                "length 2147483647 over 8388608");
    }

    /** A protostuff value of {@code value} with one byte sequence replaced, its size fixed. */
    byte[] patched(Object value, String fromHex, String toHex) {
        byte[] bytes = GadgetBytes.value(protostuff, value, Object.class);
        byte[] message = Arrays.copyOfRange(bytes, 2, bytes.length);
        byte[] replaced = Bytes.replace(message, ByteBufUtil.decodeHexDump(fromHex), ByteBufUtil.decodeHexDump(toHex));
        assertThat(replaced).isNotEqualTo(message);
        return Bytes.concat(new byte[] {bytes[0]}, Bytes.varint(replaced.length), replaced, new byte[100]);
    }

    @Test
    void hessianLengthsOf2Pow31Minus1_inA1KiBFrame_areRefused() {
        byte[] typedIntList =
                Bytes.concat(new byte[] {0x56, 0x04}, Bytes.ascii("[int"), new byte[] {0x49, 0x7F, -1, -1, -1});
        assertLengthRefusal(
                refusal(hessian, ANYTHING, Bytes.concat(typedIntList, new byte[200])),
                "more than 1048576 collection elements");
        byte[] objectList =
                Bytes.concat(new byte[] {0x56, 0x07}, Bytes.ascii("[object"), new byte[] {0x49, 0x7F, -1, -1, -1});
        assertLengthRefusal(
                refusal(hessian, ANYTHING, Bytes.concat(objectList, new byte[200])),
                "more than 1048576 collection elements");
        byte[] untypedList = {0x58, 0x49, 0x7F, -1, -1, -1};
        assertLengthRefusal(
                refusal(hessian, ANYTHING, Bytes.concat(untypedList, new byte[200])),
                "more than 1048576 collection elements");
        byte[] millionInts =
                Bytes.concat(new byte[] {0x56, 0x04}, Bytes.ascii("[int"), new byte[] {0x49, 0x00, 0x0F, 0x42, 0x40});
        assertLengthRefusal(
                refusal(hessian, ANYTHING, Bytes.concat(millionInts, new byte[200])),
                "list of 1000000 elements with fewer bytes left");
        byte[] classOfMaxFields =
                Bytes.concat(new byte[] {0x43, 0x04}, Bytes.ascii("Evil"), new byte[] {0x49, 0x7F, -1, -1, -1});
        assertLengthRefusal(
                refusal(hessian, ANYTHING, Bytes.concat(classOfMaxFields, new byte[200])),
                "class definition of 2147483647 fields with fewer bytes left");
        RpcException string = refusal(hessian, ANYTHING, Bytes.concat(new byte[] {0x53, -1, -1}, new byte[200]));
        assertThat(string.code()).isEqualTo(ErrorCode.SERIALIZATION);
        RpcException binary = refusal(hessian, ANYTHING, Bytes.concat(new byte[] {0x42, -1, -1}, new byte[200]));
        assertThat(binary.code()).isEqualTo(ErrorCode.SERIALIZATION);
    }
}
