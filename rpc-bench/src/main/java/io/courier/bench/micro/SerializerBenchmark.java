package io.courier.bench.micro;

import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.spi.ExtensionLoader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.reflect.Type;
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
 * Each Courier serializer writing, reading and round-tripping one {@code User} and a page of 15 users, through its
 * {@link Serializer} extension with the allow-list a {@code UserService} endpoint uses. The streams are the codec's
 * own buffer streams, which the serializers recognise and read or write straight into the frame buffer, as on the
 * call path; writes go into a reused buffer (heap, or pooled direct as the transport's on the call path), so the
 * score is the serializer's work and not buffer allocation.
 * {@link SerializedSizes} prints the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SerializerBenchmark {

    @Param({"protostuff", "hessian"})
    public String serializer;

    @Param({"user", "page"})
    public String value;

    /** {@code heap} buffers, or {@code direct} pooled ones as the transport's {@code ioBuffer} gives on the call path. */
    @Param({"heap", "direct"})
    public String buffer;

    private Serializer codec;
    private DeserializationPolicy policy;
    private Object object;
    private Type declaredType;
    private ByteBuf out;
    private ByteBuf written;

    @Setup
    public void setUp() throws IOException {
        codec = ExtensionLoader.of(Serializer.class).get(serializer);
        policy = WorkloadValues.POLICY;
        object = WorkloadValues.value(value);
        declaredType = WorkloadValues.declaredType(value);
        out = newBuffer();
        written = newBuffer();
        write(written);
        if (!object.equals(read(written))) {
            throw new IllegalStateException(serializer + " does not round-trip " + value);
        }
    }

    private ByteBuf newBuffer() {
        return switch (buffer) {
            case "heap" -> Unpooled.buffer(64 * 1024);
            case "direct" -> PooledByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
            default -> throw new IllegalArgumentException("buffer: " + buffer + " (expected: heap or direct)");
        };
    }

    @TearDown
    public void tearDown() {
        out.release();
        written.release();
    }

    @Benchmark
    public ByteBuf write() throws IOException {
        write(out);
        return out;
    }

    @Benchmark
    public Object read() throws IOException {
        return read(written);
    }

    @Benchmark
    public Object roundTrip() throws IOException {
        write(out);
        return read(out);
    }

    private void write(ByteBuf target) throws IOException {
        target.clear();
        Serializer.ValueWriter writer = codec.writer(new BufferOutputStream(target));
        writer.write(object, declaredType);
        writer.flush();
    }

    private Object read(ByteBuf source) throws IOException {
        source.readerIndex(0);
        return codec.reader(new BufferInputStream(source), policy).read(declaredType);
    }
}
