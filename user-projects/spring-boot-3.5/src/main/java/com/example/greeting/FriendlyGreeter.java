package com.example.greeting;

import io.courier.api.Export;
import org.springframework.stereotype.Service;

/** The provider: an ordinary Spring bean, served by Courier because its class carries {@code @Export}. */
@Export
@Service
public class FriendlyGreeter implements Greeter {

    private final GreetingSettings settings;

    public FriendlyGreeter(GreetingSettings settings) {
        this.settings = settings;
    }

    @Override
    public String greet(String name) {
        return settings.getSalutation() + ", " + name;
    }
}
