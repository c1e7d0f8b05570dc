package io.courier.bench.micro;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import io.courier.protocol.DecodedRequest;
import io.courier.protocol.ExportedService;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.InboundResponse;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Courier's codec, one frame at a time: encoding a request or a response straight into a pooled buffer
 * ({@link FrameEncoder#encode}), and decoding one from bytes (the {@link FrameDecoder} on an {@link EmbeddedChannel},
 * then the {@link BodyDecoder} with the allow-list of the service). The request carries the call's arguments, the
 * response its result, as the workload sends them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {

    private static final ServiceKey KEY = ServiceKey.of(UserService.class);

    @Param({"protostuff", "hessian"})
    public String serializer;

    @Param({"existUser", "createUser", "getUser", "listUser"})
    public String call;

    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private final ProtocolOptions options = ProtocolOptions.defaults();
    private final FrameEncoder encoder = new FrameEncoder(options);
    private Serializer codec;
    private BodyDecoder bodies;
    private ExportedService service;
    private EmbeddedChannel inbound;
    private OutboundRequest request;
    private OutboundResponse response;
    private ByteBuf requestBytes;
    private ByteBuf responseBytes;
    private MethodDescriptor method;

    @Setup
    public void setUp() {
        codec = ExtensionLoader.of(Serializer.class).get(serializer);
        bodies = new BodyDecoder(options, Serializers.of(codec));
        service = ExportedService.of(KEY, WorkloadValues.SERVICE, List.of(codec), WorkloadValues.POLICY);
        inbound = new EmbeddedChannel(new FrameDecoder(options, Serializers.of(codec)));

        SyntheticUserService provider = new SyntheticUserService();
        Object argument;
        Object result;
        switch (call) {
            case "existUser" -> {
                method = WorkloadValues.SERVICE.find("existUser(java.lang.String)");
                argument = "someone@example.com7";
                result = Boolean.TRUE;
            }
            case "createUser" -> {
                method = WorkloadValues.SERVICE.find("createUser(io.courier.bench.workload.User)");
                argument = SyntheticUserService.user(1, LocalDateTime.now());
                result = Boolean.TRUE;
            }
            case "getUser" -> {
                method = WorkloadValues.SERVICE.find("getUser(long)");
                argument = 42L;
                result = provider.getUser(42);
            }
            case "listUser" -> {
                method = WorkloadValues.SERVICE.find("listUser(int)");
                argument = 1;
                result = provider.listUser(1);
            }
            default -> throw new IllegalArgumentException("call: " + call);
        }
        request = OutboundRequest.of(7, Invocation.of(KEY, method, new Object[] {argument}), codec);
        response = OutboundResponse.ofResult(7, codec, method.resultType(), RpcResult.of(result));
        requestBytes = encoder.encode(allocator, request);
        responseBytes = encoder.encode(allocator, response);
        if (!decodeRequest().invocation().argument(0).equals(argument)
                || !decodeResponse().value().equals(result)) {
            throw new IllegalStateException(serializer + " does not round-trip the frames of " + call);
        }
    }

    @TearDown
    public void tearDown() {
        requestBytes.release();
        responseBytes.release();
        inbound.finishAndReleaseAll();
    }

    @Benchmark
    public int encodeRequest() {
        ByteBuf frame = encoder.encode(allocator, request);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    @Benchmark
    public int encodeResponse() {
        ByteBuf frame = encoder.encode(allocator, response);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    @Benchmark
    public DecodedRequest<ExportedService> decodeRequest() {
        inbound.writeInbound(requestBytes.retainedDuplicate());
        InboundRequest frame = inbound.readInbound();
        try {
            return bodies.decodeRequest(frame, key -> service);
        } finally {
            frame.release();
        }
    }

    @Benchmark
    public RpcResult decodeResponse() {
        inbound.writeInbound(responseBytes.retainedDuplicate());
        InboundResponse frame = inbound.readInbound();
        try {
            return bodies.decodeResponse(frame, method.resultType(), codec, WorkloadValues.POLICY);
        } finally {
            frame.release();
        }
    }
}
