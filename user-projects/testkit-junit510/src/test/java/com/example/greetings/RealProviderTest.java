package com.example.greetings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.courier.test.CourierTest;
import io.courier.test.Provide;
import org.junit.jupiter.api.Test;

/** A real implementation exported by the kit's provider, found through the kit's embedded registry. */
@CourierTest
class RealProviderTest {

    @Provide
    Greetings greetings = name -> {
        if (name.isEmpty()) {
            throw new UnknownNameException("an empty name");
        }
        return "Hello, " + name;
    };

    @Test
    void theConsumerReachesTheRealProvider(Greetings remote) throws Exception {
        assertEquals("Hello, Alan", remote.greet("Alan"));
    }

    @Test
    void theGreeterUsesIt(io.courier.test.TestCourier courier) {
        Greeter greeter = courier.consumer().inject(new Greeter());

        assertEquals("Hello, Alan!", greeter.welcome("Alan"));
        assertEquals("Who are you, ?", greeter.welcome(""));
    }
}
