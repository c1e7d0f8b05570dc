package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.api.Reference;
import org.springframework.stereotype.Component;

/** A consumer bean whose constructor parameter carries {@code @Reference}. */
@Component
public class ConstructorClient {

    private final Greeting greeting;

    public ConstructorClient(@Reference Greeting greeting) {
        this.greeting = greeting;
    }

    public Greeting greeting() {
        return greeting;
    }
}
