package io.courier.serialization.fory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.serialization.ClassAllowList;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lengths, depth and framing of fory sessions that lie: refused before anything large is built. */
class ForyLimitsTest {

    static final ServiceDescriptor SERVICE = ServiceDescriptor.of(ModelService.class);
    static final DeserializationPolicy POLICY =
            ClassAllowList.builder().allowTypesOf(SERVICE).build();

    final Serializer fory = new ForySerializer().forService(SERVICE, POLICY);

    private Object read(byte[] bytes) throws IOException {
        return fory.reader(ByteSource.of(new ByteArrayInputStream(bytes)), POLICY)
                .read(Object.class);
    }

    private static byte[] value(Serializer serializer, Object value) throws IOException {
        return ForySerializerTest.write(serializer, new Object[] {value}, new java.lang.reflect.Type[] {Object.class});
    }

    @Test
    void listsNestedDeeperThanThePolicyAllows_areRefused() throws IOException {
        DeserializationPolicy deep = ClassAllowList.builder()
                .allowTypesOf(SERVICE)
                .limits(ProtocolOptions.builder().maxDepth(1000).build())
                .build();
        Object nested = "leaf";
        for (int i = 0; i < ProtocolOptions.DEFAULT_MAX_DEPTH + 10; i++) {
            List<Object> list = new ArrayList<>();
            list.add(nested);
            nested = list;
        }
        byte[] bytes = value(new ForySerializer().forService(SERVICE, deep), nested);

        assertThatThrownBy(() -> read(bytes)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).contains("fory refused the value: Read depth exceed max depth 100");
        });
    }

    @Test
    void valueLengthOf2Pow31Minus1_inA20ByteSession_endsEarlyWithoutAllocatingIt() {
        byte[] session = HostileFory.session(new byte[0]);
        byte[] lying = Arrays.copyOf(session, 1 + 5 + 14);
        // the length: 2^31 - 1 as a varint
        lying[1] = (byte) 0xFF;
        lying[2] = (byte) 0xFF;
        lying[3] = (byte) 0xFF;
        lying[4] = (byte) 0xFF;
        lying[5] = 0x07;

        assertThatThrownBy(() -> read(lying)).isInstanceOf(EOFException.class);
    }

    @Test
    void stringLengthOf2Pow28_inASmallValue_isRefusedWithoutAllocatingIt() throws IOException {
        // in a list, so that Fory, not the session, writes the string
        byte[] session = value(fory, List.of("abc"));
        // Fory's latin-1 string header is varint(length << 2); "abc" is 0x0C, the byte before "abc"
        int header = indexOf(session, new byte[] {0x0C, 'a', 'b', 'c'});
        assertThat(header).as("string header found").isPositive();
        byte[] value = Arrays.copyOfRange(session, 2, session.length);
        int at = header - 2;
        byte[] huge = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04}; // 2^30 = 2^28 << 2
        byte[] patched = new byte[value.length - 1 + huge.length];
        System.arraycopy(value, 0, patched, 0, at);
        System.arraycopy(huge, 0, patched, at, huge.length);
        System.arraycopy(value, at + 1, patched, at + huge.length, value.length - at - 1);

        // Fory checks the claim against the bytes it has before it allocates
        assertThatThrownBy(() -> read(HostileFory.session(patched)))
                .rootCause()
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("length(2684354");
    }

    @Test
    void valueWithBytesFollowingIt_isRefused() throws IOException {
        byte[] session = value(fory, List.of("abc"));
        byte[] value = Arrays.copyOfRange(session, 2, session.length);
        byte[] padded = Arrays.copyOf(value, value.length + 3);

        assertThatThrownBy(() -> read(HostileFory.session(padded)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("used " + value.length);
    }

    @Test
    void emptySession_endsEarly() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(EOFException.class);
    }

    @Test
    void unknownValueTag_isRefused() {
        assertThatThrownBy(() -> read(new byte[] {8, 0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fory value tag 8");
    }

    @Test
    void scalarsThatLie_areRefused() {
        // an int of six varint bytes, a long of eleven, a string longer than its session
        assertThatThrownBy(() -> read(new byte[] {ForyValues.INT, -1, -1, -1, -1, -1, 0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("int");
        byte[] longLong = new byte[12];
        Arrays.fill(longLong, (byte) -1);
        longLong[0] = ForyValues.LONG;
        assertThatThrownBy(() -> read(longLong)).isInstanceOf(IOException.class).hasMessageContaining("long");
        assertThatThrownBy(() -> read(new byte[] {ForyValues.STRING, (byte) 0xFF, (byte) 0xFF, 0x7F, 'a'}))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void protostuffValueWithBytesFollowingIt_isRefused() {
        // a protostuff value of two bytes whose first, a protostuff null, is the whole value
        assertThatThrownBy(() -> read(new byte[] {ForyValues.PROTOSTUFF, 2, 0, 0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("protostuff value of 2 bytes used 1");
    }

    @Test
    void stringLongerThanThePolicyAllows_isRefused() throws IOException {
        DeserializationPolicy strict = ClassAllowList.builder()
                .allowTypesOf(SERVICE)
                .limits(ProtocolOptions.builder().maxStringLength(8).build())
                .build();
        byte[] bytes = value(fory, "more than eight chars");

        assertThatThrownBy(() -> fory.reader(ByteSource.of(new ByteArrayInputStream(bytes)), strict)
                        .read(String.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                    assertThat(e.getMessage()).contains("string of 21 bytes over 8 (maxStringLength)");
                });
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
