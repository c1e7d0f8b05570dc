package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.serialization.Serializers;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * 20,000 valid frames, each broken by a seeded mutation (bit flips, length edits, truncation,
 * splicing), thrown at a server pipeline that also decodes every body it is handed: only the
 * protocol's own exceptions come out, no {@code Error}, no leak (the leak detector fails the class).
 */
class MutationTest {

    static final int MUTANTS = 20_000;
    static final long SEED = 0xC0FFEE;

    final Serializers serializers = Serializers.of(Corpus.PROTOSTUFF, Corpus.HESSIAN);
    final ProtocolOptions options = ProtocolOptions.defaults();
    final ExportedService service =
            ExportedService.of(Corpus.KEY, Corpus.SERVICE, serializers.all(), SerializerContractTest.POLICY);

    /**
     * Under 60 s of the test thread's CPU time; the wall-clock timeout is looser because the build
     * machine is shared (two cores, several builds): CPU time is what the decoder costs.
     */
    @Test
    @Timeout(180)
    void twentyThousandMutants_produceOnlyProtocolErrors() {
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<Corpus.Entry> corpus = Corpus.frames(400, SEED);
        Map<Long, Type> pending = new HashMap<>();
        for (Corpus.Entry candidate : corpus) {
            if (candidate.resultType() != null) {
                pending.put(candidate.sent().requestId(), candidate.resultType());
            }
        }
        Random random = new Random(SEED);
        BodyDecoder bodies = new BodyDecoder(options, serializers);
        List<Throwable> unexpected = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < MUTANTS; i++) {
            Corpus.Entry entry = corpus.get(random.nextInt(corpus.size()));
            byte[] mutant = mutate(
                    entry.bytes(), corpus.get(random.nextInt(corpus.size())).bytes(), random);
            ServerStandIn standIn = new ServerStandIn(bodies, key -> service, serializers);
            standIn.pending = pending;
            EmbeddedChannel channel =
                    new EmbeddedChannel(new FrameEncoder(options), new FrameDecoder(options, serializers), standIn);
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(mutant));
                channel.finishAndReleaseAll();
            } catch (Throwable e) {
                unexpected.add(e);
            }
            unexpected.addAll(standIn.unexpected);
            refused += standIn.bodyErrors.size() + standIn.pipelineErrors.size();
        }
        assertThat(unexpected).isEmpty();
        assertThat(refused).as("mutants refused").isGreaterThan(MUTANTS / 2);
        long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        LoggerFactory.getLogger(MutationTest.class)
                .info("{} mutants, {} refusals, {} ms of CPU", MUTANTS, refused, cpuNanos / 1_000_000);
        assertThat(cpuNanos).as("CPU time").isLessThan(60_000_000_000L);
    }

    static byte[] mutate(byte[] frame, byte[] other, Random random) {
        byte[] bytes = frame.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> {
                if (random.nextBoolean()) {
                    int length =
                            switch (random.nextInt(4)) {
                                case 0 -> 0;
                                case 1 -> bytes.length - 16 + random.nextInt(33) - 16;
                                case 2 -> random.nextInt();
                                default -> -1;
                            };
                    bytes[12] = (byte) (length >>> 24);
                    bytes[13] = (byte) (length >>> 16);
                    bytes[14] = (byte) (length >>> 8);
                    bytes[15] = (byte) length;
                } else if (bytes.length > 16) {
                    // a length or count inside the body
                    int at = 16 + random.nextInt(bytes.length - 16);
                    byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
                    int n = Math.min(huge.length, bytes.length - at);
                    System.arraycopy(huge, 0, bytes, at, n);
                }
            }
            case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            default -> {
                int cut = random.nextInt(bytes.length);
                int from = random.nextInt(other.length);
                bytes = Bytes.concat(Arrays.copyOf(bytes, cut), Arrays.copyOfRange(other, from, other.length));
            }
        }
        return bytes;
    }
}
