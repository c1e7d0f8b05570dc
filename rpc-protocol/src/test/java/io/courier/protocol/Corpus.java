package io.courier.protocol;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.GoingAway;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.OutboundFrame;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.model.Address;
import io.courier.protocol.model.Envelope;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Order;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A seeded mix of valid frames of every kind, with what each should decode to. */
public final class Corpus {

    public static final ServiceDescriptor SERVICE = ServiceDescriptor.of(ModelService.class);
    public static final ServiceKey KEY = ServiceKey.of(ModelService.class);
    public static final ProtostuffSerializer PROTOSTUFF = new ProtostuffSerializer();
    public static final HessianSerializer HESSIAN = new HessianSerializer();

    /**
     * One frame: its bytes, the frame the decoder should emit (requests and responses compared by
     * header and body bytes), and for requests the invocation, for responses the result type.
     */
    public record Entry(byte[] bytes, OutboundFrame sent, Invocation invocation, Type resultType) {}

    private Corpus() {}

    public static List<Entry> frames(int count, long seed) {
        return frames(count, seed, false);
    }

    /** As {@link #frames(int, long)}; {@code small} keeps to the short calls and answers. */
    public static List<Entry> frames(int count, long seed, boolean small) {
        Random random = new Random(seed);
        FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = random.nextLong();
            Serializer serializer = random.nextBoolean() ? PROTOSTUFF : HESSIAN;
            int kind = random.nextInt(10);
            OutboundFrame frame;
            Invocation invocation = null;
            Type resultType = null;
            if (kind < 5) {
                invocation = invocation(random, small);
                frame = new OutboundRequest(id, invocation, serializer, random.nextInt(5) == 0);
            } else if (kind < 8) {
                Object[] result = result(random, small);
                resultType = (Type) result[0];
                frame = OutboundResponse.ofResult(id, serializer, resultType, (RpcResult) result[1]);
            } else if (kind == 8) {
                frame = OutboundResponse.ofError(
                        id, new RpcException(ErrorCode.values()[random.nextInt(ErrorCode.values().length)], "no " + i));
            } else {
                frame = switch (random.nextInt(3)) {
                    case 0 -> Heartbeat.ping(id);
                    case 1 -> Heartbeat.ping(id).pong();
                    default -> GoingAway.INSTANCE;
                };
            }
            ByteBuf encoded = encoder.encode(UnpooledByteBufAllocator.DEFAULT, frame);
            try {
                entries.add(new Entry(ByteBufUtil.getBytes(encoded), frame, invocation, resultType));
            } finally {
                encoded.release();
            }
        }
        return entries;
    }

    private static MethodDescriptor method(String descriptor) {
        return SERVICE.find(descriptor);
    }

    private static Invocation invocation(Random random, boolean small) {
        Map<String, String> attachments = new HashMap<>();
        if (random.nextBoolean()) {
            attachments.put("trace", Long.toHexString(random.nextLong()));
            attachments.put("deadline", Long.toString(random.nextInt(1_000_000)));
        }
        int choice = small ? new int[] {0, 1, 3, 5}[random.nextInt(4)] : random.nextInt(6);
        return switch (choice) {
            case 0 -> Invocation.of(KEY, method("getUser(long)"), new Object[] {random.nextLong()}, attachments);
            case 1 -> Invocation.of(KEY, method("listUser(int)"), new Object[] {random.nextInt(100)}, attachments);
            case 2 ->
                Invocation.of(
                        KEY,
                        method("place(io.courier.protocol.model.Order,java.util.List,java.util.Map)"),
                        new Object[] {
                            Order.sample(),
                            new ArrayList<>(List.of(User.sample(random.nextInt(9)))),
                            new HashMap<>(Map.of("home", new Address("Bern", "x")))
                        },
                        attachments);
            case 3 ->
                Invocation.of(
                        KEY,
                        method("status(io.courier.protocol.model.Status)"),
                        new Object[] {Status.SHIPPED},
                        attachments);
            case 4 ->
                Invocation.of(
                        KEY,
                        method("wrap(io.courier.protocol.model.Envelope)"),
                        new Object[] {new Envelope("e", new ArrayList<>(List.of(1, "two", 3.0)))},
                        attachments);
            default ->
                Invocation.of(
                        KEY,
                        method("anything(java.lang.Object)"),
                        new Object[] {random.nextBoolean() ? "text " + random.nextInt() : null},
                        attachments);
        };
    }

    private static Object[] result(Random random, boolean small) {
        int choice = small ? new int[] {0, 2, 4}[random.nextInt(3)] : random.nextInt(5);
        return switch (choice) {
            case 0 -> new Object[] {User.class, RpcResult.of(User.sample(random.nextInt(100)))};
            case 1 -> new Object[] {Page.class, RpcResult.of(Page.sample(1, 1 + random.nextInt(3)))};
            case 2 -> new Object[] {Object.class, RpcResult.of("value " + random.nextInt(), Map.of("k", "v"))};
            case 3 ->
                new Object[] {
                    void.class,
                    RpcResult.ofException(
                            new InsufficientFundsException("short", new IllegalStateException("inner"), 3))
                };
            default -> new Object[] {Object.class, RpcResult.of(null)};
        };
    }
}
