package io.courier.registry.zookeeper;

import io.courier.api.internal.document.JsonWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How this registry client appears under {@code <root>/<serviceKey>/consumers/}: the node name
 * {@code <host>:<pid>:<random>} (unique per registry client, so two clients in one process do not
 * collide) and a format-1 JSON description.
 *
 * <pre>
 * {"format": 1, "application": "shop", "host": "web-1", "pid": 4711, "startedAtMillis": 1700000000000}
 * </pre>
 */
record ConsumerIdentity(String id, byte[] data) {

    static ConsumerIdentity of(String application) {
        String host = localHostName();
        long pid = ProcessHandle.current().pid();
        String id = host + ":" + pid + ":"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        byte[] data = new JsonWriter(160)
                .beginObject()
                .field("format", 1)
                .field("application", application)
                .field("host", host)
                .field("pid", pid)
                .field("startedAtMillis", System.currentTimeMillis())
                .endObject()
                .bytes();
        return new ConsumerIdentity(id, data);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
