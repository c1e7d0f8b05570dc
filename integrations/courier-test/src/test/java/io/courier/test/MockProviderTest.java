package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.courier.api.Reference;
import io.courier.test.fixtures.Account;
import io.courier.test.fixtures.AccountNotFoundException;
import io.courier.test.fixtures.Accounts;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.AdditionalAnswers;

/** Stubs, exceptions, delays, recorded calls and Mockito answers, all over real sockets. */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MockProviderTest {

    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Reference
    Accounts client;

    @Test
    void stubbedValue_reachesTheConsumer_andTheCallIsRecorded() throws Exception {
        accounts.when(a -> a.find(7)).thenReturn(new Account(7, "grace"));

        assertThat(client.find(7)).isEqualTo(new Account(7, "grace"));
        assertThat(accounts.calls()).singleElement().satisfies(call -> {
            assertThat(call.methodName()).isEqualTo("find");
            assertThat(call.arguments()).containsExactly(7L);
        });
    }

    @Test
    void parameterOfAProvidedInterface_isAReference(Accounts viaParameter) {
        accounts.when(a -> a.echo("p")).thenReturn("from the mock");

        assertThat(viaParameter.echo("p")).isEqualTo("from the mock");
        assertThat(viaParameter).isNotSameAs(accounts.implementation());
    }

    @Test
    void stubbedException_isThrownToTheConsumer_asItsDeclaredType() throws Exception {
        accounts.when(a -> a.find(3)).thenThrow(new AccountNotFoundException(3));

        assertThatThrownBy(() -> client.find(3))
                .isInstanceOf(AccountNotFoundException.class)
                .hasMessage("no account 3");
    }

    @Test
    void lastMatchingStubWins_andWhenAnyMatchesEveryArgument() throws Exception {
        accounts.whenAny("echo").thenAnswer(call -> "any " + call.argument(0));
        accounts.when(a -> a.echo("x")).thenReturn("exactly x");

        assertThat(client.echo("x")).isEqualTo("exactly x");
        assertThat(client.echo("y")).isEqualTo("any y");
    }

    @Test
    void delay_holdsTheAnswerBack_forSyncAndAsyncMethods() throws Exception {
        Duration delay = Duration.ofMillis(300);
        accounts.when(a -> a.echo("slow")).delayedBy(delay).thenReturn("late");
        accounts.when(a -> a.ownerLater(1)).delayedBy(delay).thenReturn(CompletableFuture.completedFuture("ada"));

        long start = System.nanoTime();
        assertThat(client.echo("slow")).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        start = System.nanoTime();
        assertThat(client.ownerLater(1).get(10, TimeUnit.SECONDS)).isEqualTo("ada");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void unstubbedCall_failsWithTheCallNamed() {
        assertThatThrownBy(() -> client.echo("nobody"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no stub for echo[nobody]");
        assertThat(accounts.calls("echo")).hasSize(1);
    }

    @Test
    void voidMethod_canBeStubbedToThrow() {
        accounts.whenCalled(a -> a.touch(9)).thenThrow(new IllegalStateException("locked"));

        assertThatThrownBy(() -> client.touch(9)).hasMessageContaining("locked");
    }

    @Test
    void mockitoAnswer_answersTheCall() {
        accounts.whenAny("echo").thenAnswer(MockitoAnswers.of(AdditionalAnswers.returnsFirstArg()));

        assertThat(client.echo("mirror")).isEqualTo("mirror");
    }

    @Test
    void mockitoMock_asTheDefaultAnswer_canBeVerified(TestCourier courier) throws Exception {
        Accounts mockito = mock(Accounts.class);
        when(mockito.echo("hi")).thenReturn("hello");
        MockProvider<Accounts> delegating = MockProvider.of(Accounts.class, MockAnswer.delegatingTo(mockito));
        try (var provider = courier.application("delegating")
                        .export(delegating.implementation())
                        .start();
                var consumer = courier.application("asker").start()) {
            Accounts viaMockito = consumer.reference(
                    Accounts.class,
                    io.courier.api.ReferenceOptions.builder()
                            .directEndpoints(
                                    java.util.List.of(provider.endpoint().orElseThrow()))
                            .build());
            assertThat(viaMockito.echo("hi")).isEqualTo("hello");
        }
        verify(mockito).echo("hi");
    }

    @Test
    void stubOfTheWrongType_orAnUndeclaredCheckedException_isRefusedWhereItIsWritten() {
        Stubbing<Object> anyFind = accounts.whenAny("find");
        assertThatThrownBy(() -> anyFind.thenReturn("not an account"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thenReturn: a java.lang.String (expected: a value find can return, of type "
                        + Account.class.getName());
        Stubbing<String> echo = accounts.when(a -> a.echo("x"));
        assertThatThrownBy(() -> echo.thenThrow(new java.io.IOException("disk")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "java.io.IOException (expected: an unchecked exception or one that echo declares)");
        assertThatThrownBy(() -> accounts.whenAny("delete"))
                .hasMessage("methodName: 'delete' (expected: a method of " + Accounts.class.getName() + ")");
    }
}
