package com.example.greeting;

import io.courier.api.Reference;
import io.courier.bootstrap.Courier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/** The consumer: calls the service once at start-up, through the registry, as soon as Spring has started. */
@Component
public class FirstCall implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstCall.class);

    @Reference
    private Greeter greeter;

    private final Courier courier;

    public FirstCall(Courier courier) {
        this.courier = courier;
    }

    @Override
    public void run(String... args) {
        log.info("First call answered: {}", greeter.greet("Courier"));
        log.info("Courier serves on port {} (REST: GET /users/1)", courier.port());
    }
}
