package io.courier.bench.micro;

import io.courier.api.serialization.Serializer;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code SerializedSizes}: prints, as a Markdown table, how many bytes each installed Courier serializer writes for
 * one {@code User} and for a page of 15 users, bound to the workload's service as Courier binds it at export and refer
 * time (fory carries nothing unbound). Sizes are exact and machine-independent, so they are computed rather than
 * benchmarked.
 */
public final class SerializedSizes {

    private SerializedSizes() {}

    public static void main(String[] args) throws IOException {
        // the table is this program's output, not a log message
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(table());
    }

    static String table() throws IOException {
        StringBuilder table =
                new StringBuilder("| serializer | User (bytes) | Page of 15 users (bytes) |\n|---|---:|---:|\n");
        ExtensionLoader<Serializer> serializers = ExtensionLoader.of(Serializer.class);
        for (String name : serializers.names().stream().sorted().toList()) {
            Serializer serializer = serializers.get(name).forService(WorkloadValues.SERVICE, WorkloadValues.POLICY);
            table.append(String.format(
                    Locale.ROOT, "| %s | %d | %d |%n", name, size(serializer, "user"), size(serializer, "page")));
        }
        return table.toString();
    }

    static int size(Serializer serializer, String value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = serializer.writer(bytes);
        writer.write(WorkloadValues.value(value), WorkloadValues.declaredType(value));
        writer.flush();
        return bytes.size();
    }
}
