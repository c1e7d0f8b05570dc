package io.courier.thrift;

import io.courier.protocol.schema.NumberChanges;
import io.courier.thrift.internal.schema.IdlOutline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The field-id check: compares the Thrift IDL Courier derives now from a service interface with the one a
 * team committed (written earlier by {@link ThriftSchemas#idlFile}), and names every struct field, function
 * parameter or enum constant that a class change would renumber or retype, with its old and new id (called
 * its number, by the rule every derived schema shares with the {@code .proto}) or type.
 * Callers generated from the committed file would misread such a field, so a build should fail on it. In a
 * test: {@code ThriftIdlCheck.assertUnchanged(Accounts.class, Path.of("src/main/thrift/Accounts.thrift"))}.
 */
public final class ThriftIdlCheck {

    private ThriftIdlCheck() {}

    /**
     * Every change the schema of {@code serviceInterface} makes to the ids and types of the {@code committed}
     * file; empty when none.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not Thrift IDL
     */
    public static List<String> changes(Class<?> serviceInterface, Path committed) throws IOException {
        return changes(Files.readString(committed), ThriftSchemas.idlFile(serviceInterface));
    }

    /** Every change from the IDL text {@code committed} to {@code now}; empty when none. */
    public static List<String> changes(String committed, String now) {
        return NumberChanges.changes(IdlOutline.parse(committed), IdlOutline.parse(now));
    }

    /**
     * The test helper: returns when the schema of {@code serviceInterface} keeps every id and type of the
     * {@code committed} file.
     *
     * @throws AssertionError naming each change
     */
    public static void assertUnchanged(Class<?> serviceInterface, Path committed) throws IOException {
        List<String> changes = changes(serviceInterface, committed);
        if (!changes.isEmpty()) {
            throw new AssertionError(serviceInterface.getName() + " no longer matches " + committed + ":\n  "
                    + String.join("\n  ", changes));
        }
    }
}
