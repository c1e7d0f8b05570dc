package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.grpc.check.v1.Accounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field-number check against a committed .proto: as a test helper and as a command. */
class ProtoCheckTest {

    @TempDir
    Path dir;

    @Test
    void aClassChange_thatRenumbersOrRetypes_isNamedWithOldAndNew() throws Exception {
        Path committed = Files.writeString(dir.resolve("Accounts.proto"), GrpcSchemas.protoFile(Accounts.class));
        ProtoCheck.assertUnchanged(Accounts.class, committed);

        assertThat(ProtoCheck.changes(io.courier.grpc.check.v2.Accounts.class, committed))
                .containsExactlyInAnyOrder(
                        "Accounts_Account.phone: number 2, which the committed file gives to Accounts_Account.email"
                                + " (expected: a new field takes a number never used; a removed field's stays free)",
                        "Accounts_Account.email: number 2 in the committed file, 3 now (expected: a field keeps its"
                                + " number; fix it with @FieldNumber(2))",
                        "Accounts_Account.email: type string in the committed file, int64 now (expected: a field"
                                + " keeps its type; a new type is a new field with a new number)",
                        "Accounts_Account.kind: number 3 in the committed file, 4 now (expected: a field keeps its"
                                + " number; fix it with @FieldNumber(3))",
                        "Accounts_Kind.ACCOUNTS_KIND_PERSON: number 1 in the committed file, 2 now (expected: a"
                                + " constant keeps its number; fix it with @FieldNumber(1))",
                        "Accounts_Kind.ACCOUNTS_KIND_COMPANY: number 2 in the committed file, 1 now (expected: a"
                                + " constant keeps its number; fix it with @FieldNumber(2))");
        assertThatThrownBy(() -> ProtoCheck.assertUnchanged(io.courier.grpc.check.v2.Accounts.class, committed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.courier.grpc.check.v2.Accounts no longer matches")
                .hasMessageContaining("Accounts_Account.email: number 2 in the committed file, 3 now");
    }

    @Test
    void aHandEditedFile_withCommentsOptionsOneofsAndReservations_isRead() {
        String committed = GrpcSchemas.protoFile(Accounts.class)
                .replace("syntax = \"proto3\";", "syntax = \"proto3\";\noption java_package = \"com.acme\"; /* ours */")
                .replace(
                        "message Accounts_Account {",
                        "message Accounts_Account {\n  reserved 9, 10 to 12;\n  option deprecated = false;\n"
                                + "  oneof legacy { string old = 9 [deprecated = true]; }\n"
                                + "  message Nested { int32 x = 1; }\n  // a comment { with braces }");
        assertThat(ProtoCheck.changes(committed, GrpcSchemas.protoFile(Accounts.class)))
                .isEmpty();
        assertThat(ProtoCheck.changes(committed, GrpcSchemas.protoFile(io.courier.grpc.check.v2.Accounts.class)))
                .hasSize(6);
    }

    @Test
    void theCommand_exits0WhenTheFilesHold_1NamingChanges_2ForUsageErrors() throws Exception {
        Path committed = Files.writeString(dir.resolve("Accounts.proto"), GrpcSchemas.protoFile(Accounts.class));
        assertThat(run(Accounts.class.getName(), committed.toString()))
                .startsWith("0:")
                .contains("1 file(s) hold");
        assertThat(run(io.courier.grpc.check.v2.Accounts.class.getName(), committed.toString()))
                .startsWith("1:")
                .contains(committed + ": Accounts_Account.email: number 2 in the committed file, 3 now");
        assertThat(run("no.such.Service", committed.toString()))
                .startsWith("2:")
                .contains("no such class");
        assertThat(run(Accounts.class.getName(), dir.resolve("missing.proto").toString()))
                .startsWith("2:");
        assertThat(run(Accounts.class.getName())).startsWith("2:").contains("usage: ProtoCheck INTERFACE FILE");
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = ProtoCheck.run(args, stream, stream);
        return status + ":" + out.toString(StandardCharsets.UTF_8);
    }
}
