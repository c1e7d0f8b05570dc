package io.courier.serialization.fory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.gadget.CanaryFlag;
import io.courier.protocol.gadget.Decoy;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ForySerializerTest {

    static final ServiceDescriptor SERVICE = ServiceDescriptor.of(ModelService.class);
    static final DeserializationPolicy POLICY =
            ClassAllowList.builder().allowTypesOf(SERVICE).build();

    final Serializer fory = new ForySerializer().forService(SERVICE, POLICY);

    @AfterAll
    static void canaryNeverInitialized() {
        assertThat(CanaryFlag.INITIALIZED).isFalse();
    }

    static byte[] write(Serializer serializer, Object[] values, Type[] types) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
        for (int i = 0; i < values.length; i++) {
            writer.write(values[i], types[i]);
        }
        writer.flush();
        return out.toByteArray();
    }

    static Object read(Serializer serializer, byte[] bytes, Type type) throws IOException {
        return serializer
                .reader(ByteSource.of(new ByteArrayInputStream(bytes)), POLICY)
                .read(type);
    }

    @Test
    void extension_isFoundByNameWithId4() {
        Serializer installed = ExtensionLoader.of(Serializer.class).get("fory");
        assertThat(installed).isInstanceOf(ForySerializer.class);
        assertThat(installed.id()).isEqualTo((byte) 4);
        assertThat(installed.forService(SERVICE, POLICY).id()).isEqualTo((byte) 4);
    }

    @Test
    void unbound_refusesToWriteOrRead() {
        Serializer unbound = new ForySerializer();
        assertThatThrownBy(() -> unbound.writer(ByteSink.of(new ByteArrayOutputStream())))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage())
                        .startsWith("fory carries only the values of a service it is bound to"));
        assertThatThrownBy(() -> unbound.reader(ByteSource.of(new ByteArrayInputStream(new byte[0])), POLICY))
                .isInstanceOf(RpcException.class);
    }

    @Test
    void values_roundTrip() throws IOException {
        Object[] values = {User.sample(7), Page.sample(1, 15), null, 42L, "text", Status.values()[0]};
        Type[] types = {User.class, Page.class, User.class, long.class, String.class, Status.class};
        byte[] bytes = write(fory, values, types);
        Serializer.ValueReader reader = fory.reader(ByteSource.of(new ByteArrayInputStream(bytes)), POLICY);
        for (int i = 0; i < values.length; i++) {
            assertThat(reader.read(types[i])).isEqualTo(values[i]);
        }
    }

    @Test
    void valueOfAClassForyDoesNotCarry_travelsAsProtostuff_andArrivesWhereTheAllowListTakesIt() throws IOException {
        DeserializationPolicy allowing = ClassAllowList.builder()
                .allowTypesOf(SERVICE)
                .allowClass(Outsider.class)
                .build();
        Outsider outsider = new Outsider();
        outsider.note = "not reachable from the interface";

        byte[] bytes = write(fory, new Object[] {outsider, User.sample(2), outsider}, new Type[] {
            Object.class, User.class, Object.class
        });
        Serializer.ValueReader reader = fory.reader(ByteSource.of(new ByteArrayInputStream(bytes)), allowing);

        assertThat(bytes[0]).as("the first value's tag").isEqualTo((byte) ForyValues.PROTOSTUFF);
        assertThat(((Outsider) reader.read(Object.class)).note).isEqualTo(outsider.note);
        assertThat(reader.read(User.class)).isEqualTo(User.sample(2));
        assertThat(((Outsider) reader.read(Object.class)).note).isEqualTo(outsider.note);
        assertThatThrownBy(() -> read(fory, bytes, Object.class))
                .as("refused by the service's own allow-list, which does not reach the class")
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage())
                        .contains("class " + Outsider.class.getName() + " is not allowed"));
    }

    /** A class the service's interface does not reach, so not registered with Fory. */
    public static final class Outsider {
        public String note;
    }

    @Test
    void declaredException_roundTripsAsItself() throws IOException {
        byte[] bytes = write(
                fory, new Object[] {new InsufficientFundsException("short", null, 12)}, new Type[] {Throwable.class});
        assertThat(read(fory, bytes, Throwable.class)).isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void gadgetNamedInAFrame_isRefusedByName() {
        byte[] bytes = HostileFory.session(SERVICE, new Decoy(), Decoy.class, "com.sun.rowset.JdbcRowSetImpl");
        assertThatThrownBy(() -> read(fory, bytes, Object.class)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).contains("class com.sun.rowset.JdbcRowSetImpl is not allowed");
        });
    }

    @Test
    void gadgetNamedInAProtostuffValueInsideTheSession_isRefusedByNameUnloaded() {
        for (String gadget : new String[] {"com.sun.rowset.JdbcRowSetImpl", "io.courier.protocol.gadget.Canary"}) {
            byte[] bytes = HostileFory.protostuffSession(new Decoy(), gadget);

            assertThat(bytes[0]).isEqualTo((byte) ForyValues.PROTOSTUFF);
            assertThatThrownBy(() -> read(fory, bytes, Object.class))
                    .as(gadget)
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                        assertThat(e.getMessage()).contains("class " + gadget + " is not allowed");
                    });
        }
    }

    @Test
    void canaryNamedInAFrame_isRefusedUnloaded() {
        byte[] bytes = HostileFory.session(SERVICE, new Decoy(), Decoy.class, "io.courier.protocol.gadget.Canary");
        assertThatThrownBy(() -> read(fory, bytes, Object.class))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage())
                        .contains("class io.courier.protocol.gadget.Canary is not allowed"));
    }
}
