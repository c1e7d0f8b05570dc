package io.courier.events.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates each topic's stream on first use: file storage, the configured replicas, kept for the
 * configured age whether consumed or not (limits retention, which is what lets a group replay), and a
 * two-minute window in which a publish with an event id already stored is stored once. An existing
 * stream is left as it is. Thread-safe.
 */
final class Streams {

    private static final int NAME_IN_USE = 10058;
    private static final int STREAM_NOT_FOUND = 10059;

    private final JetStreamManagement management;
    private final NatsSettings settings;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    Streams(JetStreamManagement management, NatsSettings settings) {
        this.management = management;
        this.settings = settings;
    }

    JetStreamManagement management() {
        return management;
    }

    /** Makes sure {@code topic}'s stream exists. */
    void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        StreamConfiguration config = StreamConfiguration.builder()
                .name(NatsNames.stream(topic))
                .subjects(NatsNames.subjects(topic))
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .replicas(settings.replicas())
                .maxAge(settings.maxAge())
                .duplicateWindow(Duration.ofMinutes(2))
                .build();
        try {
            if (!exists(config.getName())) {
                management.addStream(config);
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NAME_IN_USE) {
                throw new IllegalStateException(
                        "cannot create the stream of topic '" + topic + "': " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stream of topic '" + topic + "'", e);
        }
        known.add(topic);
    }

    // asked first: the stream's own leader answers, while a creation waits for the cluster's meta leader
    private boolean exists(String stream) throws IOException, JetStreamApiException {
        try {
            management.getStreamInfo(stream);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
