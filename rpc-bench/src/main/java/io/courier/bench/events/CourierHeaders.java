package io.courier.bench.events;

import io.courier.events.core.CloudEvents;
import io.courier.events.core.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The headers a plain side sends with each event: the names of Courier's CloudEvents headers on a broker's binding,
 * each with a value of as many bytes as Courier writes (filler), so both sides move the same bytes.
 */
final class CourierHeaders {

    private CourierHeaders() {}

    /** Header name to filler value, as many bytes as Courier's own header of {@code binding} for a {@link BenchEvent}. */
    static Map<String, byte[]> filler(CloudEvents.Binding binding) {
        Map<String, String> courier = new EventEnvelope(binding)
                .headers(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        BenchEvent.class,
                        "bench",
                        "hessian",
                        BenchEvent.key(123_456));
        Map<String, byte[]> filler = new LinkedHashMap<>();
        courier.forEach((name, value) -> {
            byte[] bytes = new byte[value.getBytes(StandardCharsets.UTF_8).length];
            Arrays.fill(bytes, (byte) 'x');
            filler.put(name, bytes);
        });
        return Map.copyOf(filler);
    }

    /** As {@link #filler}, the values as text. */
    static Map<String, String> fillerText(CloudEvents.Binding binding) {
        Map<String, String> text = new LinkedHashMap<>();
        filler(binding).forEach((name, value) -> text.put(name, new String(value, StandardCharsets.US_ASCII)));
        return Map.copyOf(text);
    }
}
