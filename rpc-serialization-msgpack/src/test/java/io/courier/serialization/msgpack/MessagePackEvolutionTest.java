package io.courier.serialization.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.serialization.Serializer;
import io.courier.protocol.testing.OpenPolicy;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two builds of one class, as during a rolling upgrade: each side reads what the other writes,
 * skipping the fields it does not know and leaving the ones it was not sent at their defaults. No
 * class name travels in MessagePack, so the two builds are two classes here, one per side.
 */
class MessagePackEvolutionTest {

    /** The older build of the item. */
    static final class Item {
        long id;
        String name;
    }

    /** The newer build: two fields more. */
    static final class ItemV2 {
        long id;
        String name;
        String note;
        int rank;
    }

    private final Serializer msgpack = new MessagePackSerializer();

    @Test
    void newerWriter_olderReader_skipsTheFieldsItDoesNotKnow() throws IOException {
        ItemV2 sent = new ItemV2();
        sent.id = 7;
        sent.name = "seven";
        sent.note = "only the newer build has this";
        sent.rank = 3;

        Item received = (Item) pass(sent, ItemV2.class, Item.class);

        assertThat(received.id).isEqualTo(7L);
        assertThat(received.name).isEqualTo("seven");
    }

    @Test
    void olderWriter_newerReader_leavesTheMissingFieldsAtTheirDefaults() throws IOException {
        Item sent = new Item();
        sent.id = 8;
        sent.name = "eight";

        ItemV2 received = (ItemV2) pass(sent, Item.class, ItemV2.class);

        assertThat(received.id).isEqualTo(8L);
        assertThat(received.name).isEqualTo("eight");
        assertThat(received.note).isNull();
        assertThat(received.rank).isZero();
    }

    private Object pass(Object value, Type written, Type read) throws IOException {
        byte[] bytes = MessagePackSerializerTest.write(msgpack, new Object[] {value}, new Type[] {written});
        List<Object> values = MessagePackSerializerTest.read(msgpack, bytes, OpenPolicy.INSTANCE, read);
        return values.get(0);
    }
}
