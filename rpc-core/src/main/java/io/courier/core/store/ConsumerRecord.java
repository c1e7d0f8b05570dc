package io.courier.core.store;

import io.courier.api.store.RegisteredConsumer;
import io.courier.core.document.DocumentException;
import io.courier.core.document.Fields;
import io.courier.core.document.JsonWriter;
import io.courier.core.document.SafeYaml;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a registry client announces itself under {@code <root>/<serviceKey>/consumers/}, in every
 * registry: the id {@code <host>:<pid>:<random>} (unique per registry client, so two clients in one
 * process do not collide) and a format-1 JSON description.
 *
 * <pre>
 * {"format": 1, "application": "shop", "host": "web-1", "pid": 4711, "startedAtMillis": 1700000000000}
 * </pre>
 */
public record ConsumerRecord(String id, byte[] data) {

    /** A consumer description is about 150 bytes; anything much larger was not written by Courier. */
    private static final int MAX_CHARS = 4096;

    /** This process's announcement for a registry client of {@code application}. */
    public static ConsumerRecord of(String application) {
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
        return new ConsumerRecord(id, data);
    }

    /** The consumer {@code id} announced with {@code data}. */
    public static RegisteredConsumer decode(String id, byte[] data) throws DocumentException {
        Fields fields = Fields.of(SafeYaml.load(new String(data, StandardCharsets.UTF_8), MAX_CHARS), "consumer");
        return new RegisteredConsumer(
                id,
                fields.string("application", ""),
                fields.string("host", ""),
                fields.integer("pid", 0, Long.MAX_VALUE, 0));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
