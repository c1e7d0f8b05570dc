package io.courier.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The IDL derived from an interface, and the field-id check against a committed copy. */
class ThriftSchemasTest {

    static final Path COMMITTED = Path.of("src/test/thrift/accounts.thrift");

    @Test
    void theIdl_isTheCommittedOne_andKeepsItsIds() throws Exception {
        assertThat(ThriftSchemas.idlFile(Accounts.class)).isEqualTo(Files.readString(COMMITTED));
        assertThat(ThriftIdlCheck.changes(Accounts.class, COMMITTED)).isEmpty();
        ThriftIdlCheck.assertUnchanged(Accounts.class, COMMITTED);
    }

    @Test
    void whatThriftCannotSay_isLeftOutInWords() {
        String idl = ThriftSchemas.idlFile(Accounts.class);
        assertThat(idl)
                .contains("// not served over Thrift: deposit(long,short): an overload of deposit")
                .contains("oneway void audit(1: string note)\n")
                .contains("i64 deposit(1: i64 id, 2: i64 cents) throws (1: CourierError error)")
                .contains("  9: i64 balanceCents\n");
        assertThat(ThriftSchemas.idlFile(Reserved.class))
                .contains("// not served over Thrift: delete(long): delete(long): 'delete' is a word Thrift's"
                        + " compiler reserves");
    }

    @Test
    void aRenumberedOrRetypedField_isNamed() {
        String now = ThriftSchemas.idlFile(Accounts.class);
        String committed = now.replace("  9: i64 balanceCents", "  4: i64 balanceCents")
                .replace("2: i64 cents)", "2: i32 cents)")
                .replace("SAVINGS = 2", "SAVINGS = 3");
        assertThat(ThriftIdlCheck.changes(committed, now))
                .containsExactlyInAnyOrder(
                        "Accounts_Account.balanceCents: number 4 in the committed file, 9 now (expected: a field keeps its number;"
                                + " fix it with @FieldNumber(4))",
                        "Accounts.deposit.cents: type i32 in the committed file, i64 now (expected: a field keeps"
                                + " its type; a new type is a new field with a new number)",
                        "Accounts_Kind.SAVINGS: number 3 in the committed file, 2 now (expected: a constant keeps its number;"
                                + " fix it with @FieldNumber(3))");
        String taken = now.replace("  9: i64 balanceCents", "  9: i64 overdraft");
        assertThat(ThriftIdlCheck.changes(taken, now))
                .containsExactly(
                        "Accounts_Account.balanceCents: number 9, which the committed file gives to Accounts_Account.overdraft"
                                + " (expected: a new field takes a number never used; a removed field's stays free)");
        assertThatThrownBy(() -> ThriftIdlCheck.changes("struct A { 1: i32 }", now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A method named as Thrift's compiler forbids. */
    interface Reserved {
        void delete(long id);

        String name(long id);
    }
}
