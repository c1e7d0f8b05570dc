package io.courier.spring.boot.autoconfigure.events;

import io.courier.api.event.EventTopic;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** An application with an {@code @EventTopic} field that is not an {@code EventPublisher}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WrongPublisherApplication.Misdeclared.class)
public class WrongPublisherApplication {

    /** The misdeclared field. */
    @Component
    public static class Misdeclared {
        @EventTopic("orders")
        String orders;
    }
}
