package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.test.fixtures.Account;
import io.courier.test.fixtures.AccountNotFoundException;
import io.courier.test.fixtures.Accounts;
import io.courier.test.fixtures.Statement;
import org.junit.jupiter.api.Test;

/** The "a consumer tested against a mock provider in under 20 lines": this whole class. */
@CourierTest
class StatementTest {
    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Test
    void header_namesTheOwner_orSaysTheAccountIsMissing(TestCourier courier) throws Exception {
        accounts.when(a -> a.find(1)).thenReturn(new Account(1, "ada"));
        accounts.when(a -> a.find(2)).thenThrow(new AccountNotFoundException(2));
        Statement statement = courier.consumer().inject(new Statement());
        assertThat(statement.header(1)).isEqualTo("Statement for ada");
        assertThat(statement.header(2)).isEqualTo("No such account");
        assertThat(accounts.calls("find")).extracting(call -> call.argument(0)).containsExactly(1L, 2L);
    }
}
