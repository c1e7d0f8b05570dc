package io.courier.events.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The restart tests' consumers as JetStream reports them, on one line: a run whose subscriber fell
 * behind shows whether the server held events back (ack pending, never redelivered) or had no pull
 * request waiting from the client.
 */
final class ConsumerStates {

    private ConsumerStates() {}

    /** Each consumer of the streams named {@code courier_restart*} on the servers {@code urls}. */
    static String of(String urls) {
        Options options = new Options.Builder()
                .servers(urls.split(","))
                .connectionTimeout(Duration.ofSeconds(2))
                .build();
        List<String> states = new ArrayList<>();
        try (Connection connection = Nats.connect(options)) {
            JetStreamManagement management = connection.jetStreamManagement();
            for (String stream : management.getStreamNames()) {
                if (stream.startsWith("courier_restart")) {
                    for (ConsumerInfo info : management.getConsumers(stream)) {
                        states.add(of(info));
                    }
                }
            }
        } catch (IOException | JetStreamApiException e) {
            return "cannot read the consumers: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted reading the consumers";
        }
        return String.join("; ", states);
    }

    private static String of(ConsumerInfo info) {
        return String.format(
                "%s: leader %s, pending %d, ack pending %d, waiting pulls %d, redelivered %d,"
                        + " last delivered stream seq %d at %s, ack floor stream seq %d",
                info.getName(),
                info.getClusterInfo() == null ? "?" : info.getClusterInfo().getLeader(),
                info.getNumPending(),
                info.getNumAckPending(),
                info.getNumWaiting(),
                info.getRedelivered(),
                info.getDelivered() == null ? 0 : info.getDelivered().getStreamSequence(),
                info.getDelivered() == null ? null : info.getDelivered().getLastActive(),
                info.getAckFloor() == null ? 0 : info.getAckFloor().getStreamSequence());
    }
}
