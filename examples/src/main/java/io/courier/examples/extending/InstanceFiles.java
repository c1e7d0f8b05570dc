package io.courier.examples.extending;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The text of one provider file: a properties file, so that a person can read and edit it. Method
 * descriptors contain commas and array names contain semicolons, so lists are separated by spaces.
 */
final class InstanceFiles {

    private InstanceFiles() {}

    static String format(ServiceInstance instance) {
        Properties properties = new Properties();
        properties.setProperty("host", instance.endpoint().host());
        properties.setProperty("port", Integer.toString(instance.endpoint().port()));
        properties.setProperty("application", instance.application());
        properties.setProperty("weight", Integer.toString(instance.weight()));
        properties.setProperty("tags", String.join(" ", instance.tags()));
        properties.setProperty("startedAtMillis", Long.toString(instance.startedAtMillis()));
        properties.setProperty("warmupMillis", Long.toString(instance.warmupMillis()));
        properties.setProperty("serializers", String.join(" ", instance.serializers()));
        properties.setProperty("methods", String.join(" ", instance.methods()));
        properties.setProperty("protocolVersion", Integer.toString(instance.protocolVersion()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Courier provider of " + instance.serviceKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The instance a provider file describes.
     *
     * @throws IllegalArgumentException naming the field if the file is incomplete or malformed
     */
    static ServiceInstance parse(ServiceKey serviceKey, String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Endpoint endpoint = Endpoint.of(required(properties, "host"), Integer.parseInt(required(properties, "port")));
        return ServiceInstance.builder(serviceKey, endpoint)
                .application(properties.getProperty("application", ""))
                .weight(Integer.parseInt(properties.getProperty("weight", "100")))
                .tags(Set.copyOf(words(properties.getProperty("tags", ""))))
                .startedAtMillis(Long.parseLong(properties.getProperty("startedAtMillis", "0")))
                .warmupMillis(Long.parseLong(properties.getProperty("warmupMillis", "0")))
                .serializers(words(properties.getProperty("serializers", "")))
                .methods(words(properties.getProperty("methods", "")))
                .protocolVersion(Integer.parseInt(properties.getProperty("protocolVersion", "1")))
                .build();
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": missing (expected: a value)");
        }
        return value;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
