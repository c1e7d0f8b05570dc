package io.courier.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The broker's acknowledgement of one published event: it is stored durably (written to every
 * in-sync replica) at {@code position}.
 *
 * @param eventId the id the envelope carries
 * @param position where the broker stored the event
 * @param time the time the envelope carries
 */
public record PublishReceipt(String eventId, Event.Position position, Instant time) {
    public PublishReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(time, "time");
    }
}
