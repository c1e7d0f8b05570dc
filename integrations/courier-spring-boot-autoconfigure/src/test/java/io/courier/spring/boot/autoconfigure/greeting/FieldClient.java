package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.api.Reference;
import org.springframework.stereotype.Component;

/** A consumer bean with a {@code @Reference} field. */
@Component
public class FieldClient {

    @Reference
    private Greeting greeting;

    public Greeting greeting() {
        return greeting;
    }
}
