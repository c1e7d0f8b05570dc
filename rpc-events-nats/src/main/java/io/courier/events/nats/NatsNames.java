package io.courier.events.nats;

import java.nio.charset.StandardCharsets;

/**
 * Where a topic lives in JetStream: one stream per topic ({@code courier_<topic>}), whose subjects are
 * {@code courier.<topic>.<partition>}, and one durable consumer per group and partition ({@code
 * <group>_<partition>}). Topic and group names may hold '.', which NATS reserves (a subject's token
 * separator, forbidden in stream and consumer names), so they are written with '_' doubled and '.' as
 * {@code _-}: a one-to-one mapping, so two topics never share a stream or a subject.
 */
final class NatsNames {

    private NatsNames() {}

    /** {@code name} without '.': '_' doubled, '.' as "_-". */
    static String token(String name) {
        return name.replace("_", "__").replace(".", "_-");
    }

    static String stream(String topic) {
        return "courier_" + token(topic);
    }

    static String subject(String topic, int partition) {
        return "courier." + token(topic) + "." + partition;
    }

    static String subjects(String topic) {
        return "courier." + token(topic) + ".*";
    }

    static String durable(String group, int partition) {
        return token(group) + "_" + partition;
    }

    /** The partition of {@code key}: a hash of its UTF-8 bytes (FNV-1a, the same in every JVM and language). */
    static int partition(String key, int partitions) {
        int hash = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Integer.remainderUnsigned(hash, partitions);
    }

    /** The partition a subject {@code courier.<topic>.<partition>} names. */
    static int partitionOf(String subject) {
        return Integer.parseInt(subject.substring(subject.lastIndexOf('.') + 1));
    }
}
