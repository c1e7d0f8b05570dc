package io.courier.core.document;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data of a provider node: one {@link ServiceInstance} as a JSON object, format 1.
 *
 * <pre>
 * {"format": 1, "serviceKey": "g/a.B:1.0", "endpoint": "10.0.0.1:20880", "application": "shop",
 *  "weight": 100, "tags": ["canary"], "startedAtMillis": 1700000000000, "warmupMillis": 60000,
 *  "serializers": ["protostuff"], "methods": ["find(J)"], "protocolVersion": 1, "metadata": {}}
 * </pre>
 *
 * Compatibility: readers ignore fields they do not know, so format 1 may gain optional fields;
 * {@code format} changes only for a change old readers cannot ignore, and a reader skips (and logs)
 * data whose format it does not know. Tags and metadata keys are written sorted, so equal instances
 * give identical bytes.
 */
public final class InstanceCodec {

    /** The format this codec writes and the only one it reads. */
    public static final int FORMAT = 1;

    /** The largest node data accepted, in characters (ZooKeeper's default limit is 1 MiB). */
    static final int MAX_CHARS = 512 * 1024;

    private InstanceCodec() {}

    public static byte[] encode(ServiceInstance instance) {
        JsonWriter json = new JsonWriter(256 + 48 * instance.methods().size());
        write(instance, json);
        return json.bytes();
    }

    public static void write(ServiceInstance instance, JsonWriter json) {
        json.beginObject()
                .field("format", FORMAT)
                .field("serviceKey", instance.serviceKey().toString())
                .field("endpoint", instance.endpoint().toString())
                .field("application", instance.application())
                .field("weight", instance.weight())
                .field("tags", new TreeSet<>(instance.tags()))
                .field("startedAtMillis", instance.startedAtMillis())
                .field("warmupMillis", instance.warmupMillis())
                .field("serializers", instance.serializers())
                .field("methods", instance.methods())
                .field("protocolVersion", instance.protocolVersion())
                .field("metadata", instance.metadata())
                .endObject();
    }

    /** @throws DocumentException if the data is not a valid format-1 instance */
    public static ServiceInstance decode(byte[] data) throws DocumentException {
        return decode(data, new Interner());
    }

    /**
     * Decodes, sharing equal values with the instances decoded before through {@code interner}.
     *
     * @throws DocumentException if the data is not a valid format-1 instance
     */
    public static ServiceInstance decode(byte[] data, Interner interner) throws DocumentException {
        if (data == null || data.length == 0) {
            throw new DocumentException("no data (expected: a format-" + FORMAT + " instance document)");
        }
        return read(
                Fields.of(SafeYaml.load(new String(data, StandardCharsets.UTF_8), MAX_CHARS), "instance"), interner);
    }

    /** Reads an instance from a parsed mapping (a node's data, or an entry of the cache file). */
    public static ServiceInstance read(Fields fields, Interner interner) throws DocumentException {
        long format = fields.integer("format", 1, Integer.MAX_VALUE);
        if (format != FORMAT) {
            throw new DocumentException(fields.path() + ".format: " + format + " (expected: " + FORMAT + ")");
        }
        try {
            ServiceKey serviceKey = interner.intern(ServiceKey.parse(fields.string("serviceKey")));
            Endpoint endpoint = Endpoint.parse(fields.string("endpoint"));
            return ServiceInstance.builder(serviceKey, endpoint)
                    .application(interner.intern(fields.string("application", "")))
                    .weight((int) fields.integer("weight", 1, 10_000, ServiceInstance.DEFAULT_WEIGHT))
                    .tags(interner.intern(Set.copyOf(fields.strings("tags"))))
                    .startedAtMillis(fields.integer("startedAtMillis", 0, Long.MAX_VALUE, 0))
                    .warmupMillis(fields.integer("warmupMillis", 0, Long.MAX_VALUE, 0))
                    .serializers(interner.intern(List.copyOf(fields.strings("serializers"))))
                    .methods(interner.intern(List.copyOf(fields.strings("methods"))))
                    .protocolVersion((int) fields.integer("protocolVersion", 1, Integer.MAX_VALUE, 1))
                    .metadata(interner.intern(Map.copyOf(fields.scalarMap("metadata"))))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new DocumentException(fields.path() + ": " + e.getMessage(), e);
        }
    }
}
