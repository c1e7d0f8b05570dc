package io.courier.cluster.router;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The keys a condition rule can test. Keys before {@code =>} describe the call and the consumer,
 * which is all a cached route may depend on; keys after it describe a provider.
 */
enum Field {
    METHOD("method", true),
    TAG("tag", true),
    CONSUMER_APP("consumer.app", true),
    CONSUMER_HOST("consumer.host", true),
    HOST("host", false),
    PORT("port", false),
    ADDRESS("address", false),
    APP("app", false),
    TAGS("tags", false),
    /** {@code metadata.<name>}: an entry of the provider's published metadata. */
    METADATA("metadata.", false);

    static final String METADATA_PREFIX = "metadata.";

    private final String key;
    private final boolean callSide;

    Field(String key, boolean callSide) {
        this.key = key;
        this.callSide = callSide;
    }

    boolean callSide() {
        return callSide;
    }

    /** The field named {@code key}, or {@code null}. */
    static Field of(String key) {
        if (key.startsWith(METADATA_PREFIX)) {
            return METADATA;
        }
        for (Field field : values()) {
            if (field != METADATA && field.key.equals(key)) {
                return field;
            }
        }
        return null;
    }

    /** The keys allowed on one side, for error messages. */
    static String keys(boolean callSide) {
        return Arrays.stream(values())
                .filter(field -> field.callSide == callSide)
                .map(field -> field == METADATA ? "metadata.<name>" : field.key)
                .collect(Collectors.joining(", "));
    }
}
