package io.courier.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.Bytes;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.gadget.CanaryFlag;
import io.courier.protocol.gadget.Decoy;
import io.courier.protocol.internal.RepeatedRecordReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HessianPayloadReader} reads what the full hessian path reads, event after event: the same
 * values for strings of every length and alphabet, numbers of every encoding, nulls and nested
 * values (which it leaves to the full path); an evolved definition after the one it kept; and a
 * gadget class behind a kept definition is refused and never loaded.
 */
class HessianPayloadReaderTest {

    public record Sample(
            String text,
            int count,
            long amount,
            Long boxed,
            double ratio,
            boolean flag,
            Integer maybeCount,
            Boolean maybeFlag,
            Double maybeRatio,
            List<String> tags,
            String second) {}

    public record PlacedV1(String orderId, long cents) {}

    public record PlacedV2(String orderId, long cents, String coupon) {}

    public record PlacedV0(String orderId) {}

    public record Holder(String name, Object value) {}

    private final HessianSerializer hessian = new HessianSerializer();

    @Test
    void read_equalsTheFullPath_eventAfterEvent() throws Exception {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(Sample.class).build();
        HessianPayloadReader reader = hessian.payloadReader(Sample.class, policy);
        RepeatedRecordReader repeated = new RepeatedRecordReader(Sample.class, policy);
        Random random = new Random(41);
        int shortcut = 0;
        List<Sample> samples = samples(random);
        for (Sample sample : samples) {
            byte[] bytes = write(sample);
            Object expected = fullPath(bytes, Sample.class, policy);
            assertThat(reader.read(bytes)).isEqualTo(expected);
            Object quick = repeated.tryRead(bytes);
            if (quick == RepeatedRecordReader.NOT_READ) {
                repeated.learn(bytes);
                quick = repeated.tryRead(bytes);
            }
            if (sample.tags() == null && (sample.text() == null || sample.text().length() <= 0x8000)) {
                // every value of this sample is one the shortcut reads itself (hessian writes a
                // string of more than 32 Ki chars in chunks, which it leaves to the full path)
                assertThat(quick).isEqualTo(expected);
                shortcut++;
            } else {
                assertThat(quick).isSameAs(RepeatedRecordReader.NOT_READ);
            }
        }
        assertThat(shortcut).isGreaterThan(samples.size() / 2);
    }

    static List<Sample> samples(Random random) {
        long[] longs = {
            0,
            -8,
            15,
            16,
            -9,
            -2048,
            2047,
            2048,
            -2049,
            -262144,
            262143,
            262144,
            -262145,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L,
            Integer.MIN_VALUE - 1L,
            Long.MIN_VALUE,
            Long.MAX_VALUE
        };
        int[] ints = {
            0, -16, 47, 48, -17, -2048, 2047, 2048, -262144, 262143, 262144, Integer.MIN_VALUE, Integer.MAX_VALUE
        };
        double[] doubles = {
            0.0,
            -0.0,
            1.0,
            -1.0,
            5,
            -128,
            127,
            128,
            -32768,
            32767,
            32768,
            1.5,
            0.001,
            -12.345,
            1e300,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            2_147_483.647
        };
        String[] texts = {
            null,
            "",
            "a",
            "x".repeat(31),
            "x".repeat(32),
            "y".repeat(1023),
            "y".repeat(1024),
            "z".repeat(5000),
            "z".repeat(40_000),
            "caf\u00e9",
            "\u4e2d\u6587",
            "emoji \ud83d\ude00 end",
            "\u0000nul",
            "\u07ff\u0800\uffff"
        };
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            samples.add(new Sample(
                    i < texts.length ? texts[i] : texts[random.nextInt(texts.length)],
                    i < ints.length
                            ? ints[i]
                            : random.nextBoolean() ? random.nextInt() : ints[random.nextInt(ints.length)],
                    i < longs.length
                            ? longs[i]
                            : random.nextBoolean() ? random.nextLong() : longs[random.nextInt(longs.length)],
                    random.nextInt(4) == 0 ? null : longs[random.nextInt(longs.length)],
                    i < doubles.length
                            ? doubles[i]
                            : random.nextBoolean()
                                    ? random.nextDouble() * 1e6
                                    : doubles[random.nextInt(doubles.length)],
                    random.nextBoolean(),
                    random.nextInt(3) == 0 ? null : ints[random.nextInt(ints.length)],
                    random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    random.nextInt(3) == 0 ? null : doubles[random.nextInt(doubles.length)],
                    random.nextInt(5) == 0 ? List.of("t" + i, "u") : null,
                    "order-" + i));
        }
        return samples;
    }

    @Test
    void evolvedDefinition_isReadAfterTheKeptOne() throws Exception {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(PlacedV1.class).build();
        HessianPayloadReader reader = hessian.payloadReader(PlacedV1.class, policy);
        byte[] v1 = write(new PlacedV1("o-1", 4200));
        byte[] added = renamed(write(new PlacedV2("o-2", 4300, "SPRING")), "PlacedV2", "PlacedV1");
        byte[] removed = renamed(write(new PlacedV0("o-3")), "PlacedV0", "PlacedV1");

        assertThat(reader.read(v1)).isEqualTo(new PlacedV1("o-1", 4200));
        assertThat(reader.read(v1)).isEqualTo(new PlacedV1("o-1", 4200));
        assertThat(reader.read(added)).isEqualTo(new PlacedV1("o-2", 4300));
        assertThat(reader.read(added)).isEqualTo(new PlacedV1("o-2", 4300));
        assertThat(reader.read(removed)).isEqualTo(new PlacedV1("o-3", 0));
        assertThat(reader.read(v1)).isEqualTo(new PlacedV1("o-1", 4200));
        assertThat(reader.read(removed)).isEqualTo(new PlacedV1("o-3", 0));

        RepeatedRecordReader repeated = new RepeatedRecordReader(PlacedV1.class, policy);
        repeated.learn(v1);
        assertThat(repeated.tryRead(added)).isSameAs(RepeatedRecordReader.NOT_READ);
        repeated.learn(added);
        assertThat(repeated.tryRead(added)).isEqualTo(new PlacedV1("o-2", 4300));
        assertThat(repeated.tryRead(v1)).isEqualTo(new PlacedV1("o-1", 4200));
    }

    @Test
    void gadgetBehindAKeptDefinition_isRefusedAndNeverLoaded() throws Exception {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(Holder.class).build();
        HessianPayloadReader reader = hessian.payloadReader(Holder.class, policy);
        byte[] plain = write(new Holder("a", null));
        assertThat(reader.read(plain)).isEqualTo(new Holder("a", null));
        assertThat(reader.read(plain)).isEqualTo(new Holder("a", null));

        String canary = "io.courier.protocol.gadget.Canary";
        byte[] inField = Bytes.replace(
                write(new Holder("a", new Decoy())),
                Bytes.concat(Bytes.hessianLength(Decoy.class.getName().length()), Bytes.ascii(Decoy.class.getName())),
                Bytes.concat(Bytes.hessianLength(canary.length()), Bytes.ascii(canary)));
        assertThat(new String(inField, 0, 60, StandardCharsets.ISO_8859_1))
                .startsWith(new String(plain, 0, 60, StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> reader.read(inField))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining(canary);

        byte[] asDefinition = Bytes.replace(
                plain,
                Bytes.concat(Bytes.hessianLength(Holder.class.getName().length()), Bytes.ascii(Holder.class.getName())),
                Bytes.concat(Bytes.hessianLength(canary.length()), Bytes.ascii(canary)));
        assertThatThrownBy(() -> reader.read(asDefinition))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining(canary);
        assertThat(reader.read(plain)).isEqualTo(new Holder("a", null));
        assertThat(CanaryFlag.INITIALIZED).isFalse();
    }

    @Test
    void payloadsTheShortcutCannotRead_areLeftToTheFullPath() throws Exception {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(PlacedV1.class).build();
        RepeatedRecordReader repeated = new RepeatedRecordReader(PlacedV1.class, policy);
        HessianPayloadReader reader = hessian.payloadReader(PlacedV1.class, policy);
        byte[] v1 = write(new PlacedV1("o-1", 4200));
        repeated.learn(v1);
        reader.read(v1);

        byte[] truncated = java.util.Arrays.copyOf(v1, v1.length - 1);
        assertThat(repeated.tryRead(truncated)).isSameAs(RepeatedRecordReader.NOT_READ);
        assertThatThrownBy(() -> reader.read(truncated)).isInstanceOf(RpcException.class);

        byte[] trailing = Bytes.concat(v1, new byte[] {'N'});
        assertThat(repeated.tryRead(trailing)).isSameAs(RepeatedRecordReader.NOT_READ);
        assertThat(reader.read(trailing)).isEqualTo(fullPath(trailing, PlacedV1.class, policy));

        DeserializationPolicy tight = ClassAllowList.builder()
                .allowClass(PlacedV1.class)
                .limits(ProtocolOptions.builder().maxStringLength(100).build())
                .build();
        HessianPayloadReader tightReader = hessian.payloadReader(PlacedV1.class, tight);
        tightReader.read(v1);
        byte[] longId = write(new PlacedV1("o".repeat(101), 1));
        assertThatThrownBy(() -> tightReader.read(longId))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("maxStringLength");
    }

    private byte[] write(Object value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.courier.api.serialization.Serializer.ValueWriter writer = hessian.writer(ByteSink.of(out));
        writer.write(value, value.getClass());
        writer.flush();
        return out.toByteArray();
    }

    private Object fullPath(byte[] bytes, Class<?> type, DeserializationPolicy policy) throws Exception {
        return hessian.reader(ByteSource.of(new ByteArrayInputStream(bytes)), policy)
                .read(type);
    }

    private static byte[] renamed(byte[] bytes, String from, String to) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
