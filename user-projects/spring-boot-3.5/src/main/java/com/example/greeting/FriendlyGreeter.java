package com.example.greeting;

import io.courier.api.Export;
import org.springframework.stereotype.Service;

/** The provider: an ordinary Spring bean, served by Courier because its class carries {@code @Export}. */
@Export
@Service
public class FriendlyGreeter implements Greeter {

    @Override
    public String greet(String name) {
        return "Hello, " + name;
    }
}
