package io.courier.examples.extending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.ServiceOptions;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.bootstrap.Courier;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code records} serializer: found by name, carrying records between real applications, refusing what it must. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordSerializerTest {

    private final Applications applications = new Applications();
    private final List<String> checked = new ArrayList<>();

    @AfterEach
    void close() {
        applications.close();
    }

    private Orders orders() {
        Courier provider = applications.start(Applications.builder("orders")
                .export(
                        new Orders.Desk(),
                        ServiceOptions.builder().serializers(List.of("records")).build()));
        Courier consumer = applications.start(Applications.builder("shop"));
        return consumer.reference(
                Orders.class,
                ReferenceOptions.builder()
                        .serializer("records")
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .build());
    }

    @Test
    void extension_isFoundByName() {
        assertThat(ExtensionLoader.of(Serializer.class).get("records")).isInstanceOf(RecordSerializer.class);
    }

    @Test
    void records_travelBothWays() {
        Orders orders = orders();
        Orders.Order order = new Orders.Order(
                null, "ada", List.of(new Orders.Line("pen", 2), new Orders.Line("ink", 1)), 10.0, null);

        Orders.Order placed = orders.place(order);

        assertThat(placed).isEqualTo(new Orders.Order("o-1", "ada", order.lines(), 9.0, null));
        assertThat(orders.history("ada"))
                .containsExactly(
                        new Orders.Order("o-0", "ada", List.of(new Orders.Line("pen", 2)), 3.5, null),
                        new Orders.Order("o-1", "ada", List.of(), 0.0, 7L));
    }

    @Test
    void businessException_arrivesAsRemoteException() {
        Orders orders = orders();

        assertThatThrownBy(() -> orders.cancel("o-9")).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.getMessage()).contains("order o-9 has shipped");
        });
    }

    @Test
    void valueOfAnUnsupportedType_failsOnTheConsumer_namingItsClass() {
        Orders orders = orders();

        assertThatThrownBy(() -> orders.describe(Set.of("a")))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining("records: cannot write a java.util.ImmutableCollections$Set12");
    }

    @Test
    void recordTheInterfaceDoesNotName_isRefusedByTheProvidersAllowList() {
        Orders orders = orders();

        assertThatThrownBy(() -> orders.describe(new Unlisted("x")))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("class " + Unlisted.class.getName() + " is not allowed");
    }

    @Test
    void reader_asksThePolicyBeforeLoadingAClass() throws IOException {
        byte[] bytes = bytes(out -> {
            out.writeByte(8);
            writeString(out, "com.example.Gadget");
            out.writeByte(0);
        });

        assertThatThrownBy(() -> read(bytes, policy(Set.of()))).hasMessageContaining("com.example.Gadget refused");
        assertThat(checked).containsExactly("com.example.Gadget");
    }

    @Test
    void reader_refusesLengthsAndCountsOverThePolicysLimits() throws IOException {
        byte[] longString = bytes(out -> {
            out.writeByte(1);
            out.writeInt(1_000_000);
        });
        byte[] bigList = bytes(out -> {
            out.writeByte(6);
            out.writeInt(Integer.MAX_VALUE);
        });
        byte[] deep = bytes(out -> {
            for (int i = 0; i < 50; i++) {
                out.writeByte(6);
                out.writeInt(1);
            }
            out.writeByte(0);
        });

        assertThatThrownBy(() -> read(longString, policy(Set.of()))).hasMessageContaining("a string of 1000000 bytes");
        assertThatThrownBy(() -> read(bigList, policy(Set.of()))).hasMessageContaining("more than 1000 elements");
        assertThatThrownBy(() -> read(deep, policy(Set.of()))).hasMessageContaining("nested deeper than 10");
    }

    @Test
    void writerAndReader_roundTripEveryType() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", true);
        map.put("n", null);
        map.put("l", List.of(1, 2L, 3.5, "x"));
        map.put("r", new Orders.Line("pen", 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = new RecordSerializer().writer(out);
        writer.write(map, Object.class);
        writer.flush();

        Object read = read(out.toByteArray(), policy(Set.of(Orders.Line.class.getName())));

        assertThat(read).isEqualTo(map);
        assertThat(checked).containsExactly(Orders.Line.class.getName());
    }

    /** A record no method of {@link Orders} mentions. */
    public record Unlisted(String value) {}

    private Object read(byte[] bytes, DeserializationPolicy policy) throws IOException {
        return new RecordSerializer()
                .reader(new ByteArrayInputStream(bytes), policy)
                .read(Object.class);
    }

    /** Allows exactly {@code allowed}, remembering every name it was asked about. */
    private DeserializationPolicy policy(Set<String> allowed) {
        return new DeserializationPolicy() {
            @Override
            public void checkClass(String className) {
                checked.add(className);
                if (!allowed.contains(className)) {
                    throw new RpcException(ErrorCode.SERIALIZATION, "class " + className + " refused");
                }
            }

            @Override
            public int maxDepth() {
                return 10;
            }

            @Override
            public int maxCollectionLength() {
                return 1_000;
            }

            @Override
            public int maxStringLength() {
                return 1_000;
            }
        };
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
