package com.example.greetings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.courier.test.CourierTest;
import io.courier.test.MockProvider;
import io.courier.test.Provide;
import io.courier.test.TestCourier;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer against a mock provider, over real sockets, with the project's own JUnit 5.10.2. */
@CourierTest
class GreeterTest {

    @Provide
    MockProvider<Greetings> greetings = MockProvider.of(Greetings.class);

    Greeter greeter;

    @BeforeEach
    void injectTheGreeter(TestCourier courier) {
        greeter = courier.consumer().inject(new Greeter());
    }

    @Test
    void welcome_addsAnExclamationMark() throws Exception {
        greetings.when(g -> g.greet("Ada")).thenReturn("Hello, Ada");

        assertEquals("Hello, Ada!", greeter.welcome("Ada"));
        assertEquals(List.of("Ada"), greetings.calls("greet").stream().map(call -> call.argument(0)).toList());
    }

    @Test
    void welcome_asksWhoItIs_whenTheProviderRefusesTheName() throws Exception {
        greetings.when(g -> g.greet("Nobody")).thenThrow(new UnknownNameException("no Nobody here"));

        assertEquals("Who are you, Nobody?", greeter.welcome("Nobody"));
    }

    @Test
    void aParameterOfTheProvidedInterface_isAReferenceToIt(Greetings remote) throws Exception {
        greetings.when(g -> g.greet("Grace")).thenReturn("Hi, Grace");

        assertEquals("Hi, Grace", remote.greet("Grace"));
    }
}
