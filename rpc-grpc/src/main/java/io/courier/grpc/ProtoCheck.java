package io.courier.grpc;

import io.courier.grpc.internal.schema.ProtoOutline;
import io.courier.protocol.schema.NumberChanges;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The field-number check: compares the schema Courier derives now from a service interface with the
 * {@code .proto} a team committed (written earlier by {@link GrpcSchemas#protoFile}), and names every
 * field or enum constant that a class change would renumber or retype, with its old and new number or
 * type. Clients compiled from the committed file would misread such a field, so a build should fail on it.
 *
 * <p>In a test: {@code ProtoCheck.assertUnchanged(UserService.class, Path.of("src/main/proto/..."))}. From
 * a build, with the project's classes and rpc-grpc on the class path (Maven: {@code exec:java} with
 * {@code mainClass} {@code io.courier.grpc.ProtoCheck}):
 *
 * <pre>
 * java -cp ... io.courier.grpc.ProtoCheck com.acme.UserService src/main/proto/UserService.proto [INTERFACE FILE]...
 * </pre>
 *
 * Exit status 0 when every file still holds, 1 naming each change on stderr, 2 for a usage error (a
 * class not found, a file not readable).
 */
public final class ProtoCheck {

    private ProtoCheck() {}

    /**
     * Every change the schema of {@code serviceInterface} makes to the field numbers and types of the
     * {@code committed} file; empty when none.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a {@code .proto}
     */
    public static List<String> changes(Class<?> serviceInterface, Path committed) throws IOException {
        return changes(Files.readString(committed), GrpcSchemas.protoFile(serviceInterface));
    }

    /** Every change from the {@code .proto} text {@code committed} to {@code now}; empty when none. */
    public static List<String> changes(String committed, String now) {
        return NumberChanges.changes(ProtoOutline.parse(committed), ProtoOutline.parse(now));
    }

    /**
     * The test helper: returns when the schema of {@code serviceInterface} keeps every number and type of
     * the {@code committed} file.
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

    /** Checks each {@code INTERFACE FILE} pair and exits 0, 1 or 2 (see the class). */
    public static void main(String[] args) {
        // the check's report is this tool's product, so it goes to the process's own streams
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.exit(run(args, out, err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args.length % 2 != 0) {
            err.println("usage: ProtoCheck INTERFACE FILE [INTERFACE FILE]...");
            return 2;
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            try {
                Class<?> type =
                        Class.forName(args[i], false, Thread.currentThread().getContextClassLoader());
                for (String change : changes(type, Path.of(args[i + 1]))) {
                    all.add(args[i + 1] + ": " + change);
                }
            } catch (ClassNotFoundException e) {
                err.println("ProtoCheck: " + args[i] + ": no such class on the class path");
                return 2;
            } catch (IOException | IllegalArgumentException e) {
                err.println("ProtoCheck: " + args[i + 1] + ": " + e.getMessage());
                return 2;
            }
        }
        all.forEach(err::println);
        if (all.isEmpty()) {
            out.println("ProtoCheck: " + args.length / 2 + " file(s) hold: no field renumbered or retyped");
        }
        return all.isEmpty() ? 0 : 1;
    }
}
