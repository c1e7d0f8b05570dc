package io.courier.bench.micro;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.User;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
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
 * Apache Fory writing, reading and round-tripping the values of {@link SerializerBenchmark}, to set against its
 * {@code protostuff} scores (issue 17): class registration required (the two workload classes registered), code
 * generation on, schema-consistent mode (not compatible), no reference tracking. Fory writes into its own reused
 * heap buffer, whose bytes are then copied into a pooled direct buffer, and reads from an array the direct buffer's
 * bytes are copied into: the copies a Courier serializer built on Fory would make on the call path. The {@code fory}
 * serializer (rpc-serialization-fory) wraps these calls in a pool, a fingerprint and a length per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ForyBenchmark {

    @Param({"user", "page"})
    public String value;

    private Fory fory;
    private Object object;
    private Class<?> type;
    private MemoryBuffer heap;
    private byte[] array;
    private MemoryBuffer arrayBuffer;
    private ByteBuf out;
    private ByteBuf written;

    @Setup
    public void setUp() {
        fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(true)
                .withCodegen(true)
                .withAsyncCompilation(false)
                .withCompatibleMode(CompatibleMode.SCHEMA_CONSISTENT)
                .withRefTracking(false)
                .build();
        fory.register(User.class);
        fory.register(Page.class);
        object = WorkloadValues.value(value);
        type = WorkloadValues.valueClass(value);
        heap = MemoryBuffer.newHeapBuffer(64 * 1024);
        array = new byte[64 * 1024];
        arrayBuffer = MemoryBuffer.fromByteArray(array);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
        written = PooledByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
        write(written);
        if (!object.equals(read(written))) {
            throw new IllegalStateException("fory does not round-trip " + value);
        }
    }

    @TearDown
    public void tearDown() {
        out.release();
        written.release();
    }

    @Benchmark
    public ByteBuf write() {
        write(out);
        return out;
    }

    @Benchmark
    public Object read() {
        return read(written);
    }

    @Benchmark
    public Object roundTrip() {
        write(out);
        return read(out);
    }

    private void write(ByteBuf target) {
        heap.writerIndex(0);
        fory.serialize(heap, object);
        target.clear();
        target.writeBytes(heap.getHeapMemory(), 0, heap.writerIndex());
    }

    private Object read(ByteBuf source) {
        int size = source.readableBytes();
        source.getBytes(source.readerIndex(), array, 0, size);
        arrayBuffer.readerIndex(0);
        return fory.deserialize(arrayBuffer, type);
    }
}
