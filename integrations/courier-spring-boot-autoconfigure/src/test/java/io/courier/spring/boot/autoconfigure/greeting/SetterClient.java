package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.api.Reference;
import org.springframework.stereotype.Component;

/** A consumer bean with a {@code @Reference} setter, asking for a shorter timeout than the others. */
@Component
public class SetterClient {

    private Greeting greeting;

    @Reference(timeoutMillis = 1500)
    public void setGreeting(Greeting greeting) {
        this.greeting = greeting;
    }

    public Greeting greeting() {
        return greeting;
    }
}
