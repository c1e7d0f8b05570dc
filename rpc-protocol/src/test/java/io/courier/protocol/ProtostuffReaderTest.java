package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.model.Address;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.RefusingPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader remembers admitted declared classes per policy, never refusals and never across policies. */
class ProtostuffReaderTest {

    private static final DeserializationPolicy NO_ADDRESSES = RefusingPolicy.refusing(Address.class);

    @Test
    void declaredClassThePolicyRefuses_isRefusedOnEveryRead_evenAfterAnotherPolicyAdmittedIt() {
        ProtostuffSerializer serializer = new ProtostuffSerializer();
        Address address = new Address("Bern", "Gasse 2");
        byte[] one = written(serializer, address, Address.class);
        byte[] list = written(serializer, List.of(address), listOfAddresses());
        for (int i = 0; i < 2; i++) {
            assertThat(read(serializer, one, Address.class, OpenPolicy.INSTANCE))
                    .isEqualTo(address);
            assertThat(read(serializer, list, listOfAddresses(), OpenPolicy.INSTANCE))
                    .isEqualTo(List.of(address));
            assertThatThrownBy(() -> read(serializer, one, Address.class, NO_ADDRESSES))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("refused io.courier.protocol.model.Address");
            assertThatThrownBy(() -> read(serializer, list, listOfAddresses(), NO_ADDRESSES))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("refused io.courier.protocol.model.Address");
        }
    }

    private static byte[] written(Serializer serializer, Object value, Type type) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(buffer));
            writer.write(value, type);
            writer.flush();
            return ByteBufUtil.getBytes(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.release();
        }
    }

    private static Object read(Serializer serializer, byte[] bytes, Type type, DeserializationPolicy policy) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return serializer.reader(new BufferInputStream(in), policy).read(type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            in.release();
        }
    }

    private static Type listOfAddresses() {
        try {
            return Holder.class.getDeclaredField("addresses").getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** Only there for its field's generic type. */
    static final class Holder {
        List<Address> addresses;
    }
}
