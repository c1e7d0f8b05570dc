package io.courier.events.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The envelope as CloudEvents attributes per binding: what a publisher writes is read back, the
 * layout before CloudEvents is still read, a foreign CloudEvent with JSON data is read, and every
 * malformed or refused envelope is unreadable with a reason, nothing loaded.
 */
class EventEnvelopeTest {

    public record Parcel(String parcelId, String city, int grams) {}

    private static final Event.Position AT = new Event.Position("parcels", 0, 7);
    private static final Instant TIME = Instant.parse("2026-11-27T08:00:00.250Z");

    @Test
    void eachBinding_writesItsNames_andReadsThemBack() throws Exception {
        for (CloudEvents.Binding binding : CloudEvents.Binding.values()) {
            EventEnvelope envelope = new EventEnvelope(binding);
            Map<String, String> headers =
                    envelope.headers("id-1", TIME, Parcel.class, "parcel depot", "json", "Zürich");
            headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            envelope.traceExtension(headers);
            byte[] data = envelope.write("json", new Parcel("p-1", "Basel", 1200), Parcel.class);

            Event<Parcel> event =
                    envelope.read(headers::get, data, Parcel.class, EventEnvelope.policyFor(Parcel.class), AT);

            assertThat(event.payload()).isEqualTo(new Parcel("p-1", "Basel", 1200));
            assertThat(event.id()).isEqualTo("id-1");
            assertThat(event.time()).isEqualTo(TIME);
            assertThat(event.source()).isEqualTo("parcel depot");
            assertThat(event.key()).isEqualTo("Zürich");
            assertThat(event.type()).isEqualTo(Parcel.class.getName());
            assertThat(event.traceContext()).containsEntry("traceparent", headers.get("traceparent"));
            assertThat(new String(data, StandardCharsets.UTF_8))
                    .isEqualTo("{\"parcelId\":\"p-1\",\"city\":\"Basel\",\"grams\":1200}");
        }
        Map<String, String> nats = new EventEnvelope(CloudEvents.Binding.NATS)
                .headers("id-1", TIME, Parcel.class, "parcel depot", "json", "Zürich");
        assertThat(nats)
                .containsEntry("ce-specversion", "1.0")
                .containsEntry("ce-source", "parcel%20depot")
                .containsEntry("ce-partitionkey", "Z%C3%BCrich")
                .containsEntry("ce-time", "2026-11-27T08:00:00.250Z")
                .containsEntry("ce-datacontenttype", "application/json");
        assertThat(new EventEnvelope(CloudEvents.Binding.AMQP).headers("id-1", TIME, Parcel.class, "s", "hessian", "k"))
                .containsEntry("cloudEvents:id", "id-1")
                .containsEntry("cloudEvents:datacontenttype", "application/x-courier-hessian")
                .containsEntry("cloudEvents:courierserializer", "hessian");
    }

    @Test
    void theLayoutBeforeCloudEvents_isStillRead() throws Exception {
        EventEnvelope envelope = new EventEnvelope(CloudEvents.Binding.NATS);
        Map<String, String> headers = Map.of(
                "courier-id", "old-1",
                "courier-time", Long.toString(TIME.toEpochMilli()),
                "courier-type", Parcel.class.getName(),
                "courier-source", "shop",
                "courier-serializer", "hessian",
                "courier-key", "k");
        byte[] data = envelope.write("hessian", new Parcel("p-0", "Bern", 10), Parcel.class);

        Event<Parcel> event =
                envelope.read(headers::get, data, Parcel.class, EventEnvelope.policyFor(Parcel.class), AT);

        assertThat(event.payload()).isEqualTo(new Parcel("p-0", "Bern", 10));
        assertThat(event.id()).isEqualTo("old-1");
        assertThat(event.time()).isEqualTo(TIME);
        assertThat(event.key()).isEqualTo("k");
        assertThat(envelope.key(headers::get)).isEqualTo("k");
    }

    @Test
    void oneReader_readsEventAfterEvent_andStillRefusesAnotherType() throws Exception {
        EventEnvelope envelope = new EventEnvelope(CloudEvents.Binding.AMQP);
        PayloadReader<Parcel> payloads = new PayloadReader<>(Parcel.class, EventEnvelope.policyFor(Parcel.class));
        byte[] data = null;
        for (int i = 0; i < 3; i++) {
            // from the second on, hessian's class definition is the one read before, and not parsed again
            Map<String, String> headers = envelope.headers("id-" + i, TIME, Parcel.class, "depot", "hessian", "k");
            data = envelope.write("hessian", new Parcel("p-" + i, "Basel", i), Parcel.class);

            Event<Parcel> event = envelope.read(headers::get, data, payloads, AT);

            assertThat(event.payload()).isEqualTo(new Parcel("p-" + i, "Basel", i));
            assertThat(event.time()).isEqualTo(TIME);
        }
        Map<String, String> other = with(
                envelope.headers("id-x", TIME, Parcel.class, "depot", "hessian", "k"),
                "cloudEvents:type",
                "com.sun.rowset.JdbcRowSetImpl");
        byte[] last = data;
        assertThatThrownBy(() -> envelope.read(other::get, last, payloads, AT))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("attribute type");
    }

    @Test
    void aForeignCloudEvent_withJsonData_andNoCourierExtension_isRead() throws Exception {
        Map<String, String> headers = Map.of(
                "ce-specversion", "1.0",
                "ce-id", "py-1",
                "ce-type", Parcel.class.getName(),
                "ce-time", "2026-11-27T09:00:00.250+01:00",
                "ce-datacontenttype", "application/json; charset=utf-8");
        byte[] data = "{\"parcelId\":\"p-2\",\"city\":\"Chur\",\"grams\":5}".getBytes(StandardCharsets.UTF_8);

        Event<Parcel> event = new EventEnvelope(CloudEvents.Binding.NATS)
                .read(headers::get, data, Parcel.class, EventEnvelope.policyFor(Parcel.class), AT);

        assertThat(event.payload()).isEqualTo(new Parcel("p-2", "Chur", 5));
        assertThat(event.time()).isEqualTo(TIME);
        assertThat(event.source()).isEmpty();
        assertThat(event.key()).isEmpty();
    }

    @Test
    void malformedOrRefusedEnvelopes_areUnreadable_withTheirReason() {
        Map<String, String> good = Map.of(
                "ce-specversion", "1.0",
                "ce-id", "x-1",
                "ce-type", Parcel.class.getName(),
                "ce-time", "2026-11-27T08:00:00Z",
                "ce-datacontenttype", "application/json");
        assertUnreadable(with(good, "ce-specversion", "0.3"), "specversion '0.3'");
        assertUnreadable(with(good, "ce-type", "com.sun.rowset.JdbcRowSetImpl"), "attribute type");
        assertUnreadable(with(good, "ce-datacontenttype", "text/plain"), "names a serializer");
        assertUnreadable(with(good, "ce-time", "yesterday"), "malformed attribute");
        assertUnreadable(with(good, "ce-source", "%C0%A0"), "not UTF-8");
        assertUnreadable(with(good, "ce-source", "%4"), "truncated");
        assertUnreadable(with(good, "ce-courierserializer", "pickle"), "serializer 'pickle'");
        assertUnreadable(Map.of("courier-id", "x"), "not a Courier event");
    }

    @Test
    void percentEncoding_followsTheNatsBinding() {
        assertThat(PercentEncoding.encode("Euro € 😀")).isEqualTo("Euro%20%E2%82%AC%20%F0%9F%98%80");
        assertThat(PercentEncoding.encode("a\"b%c")).isEqualTo("a%22b%25c");
        assertThat(PercentEncoding.decode("Euro%20%e2%82%ac")).isEqualTo("Euro €");
        assertThat(PercentEncoding.decode("%41bc")).isEqualTo("Abc");
        assertThat(PercentEncoding.decode("\"quoted \\\"value\\\"\"")).isEqualTo("quoted \"value\"");
        assertThatThrownBy(() -> PercentEncoding.decode("%C0%A0")).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> PercentEncoding.decode("%zz")).hasMessageContaining("malformed");
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> changed = new HashMap<>(headers);
        changed.put(name, value);
        return changed;
    }

    private static void assertUnreadable(Map<String, String> headers, String reason) {
        byte[] data = "{\"parcelId\":\"p\",\"city\":\"c\",\"grams\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new EventEnvelope(CloudEvents.Binding.NATS)
                        .read(headers::get, data, Parcel.class, EventEnvelope.policyFor(Parcel.class), AT))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining(reason);
    }
}
