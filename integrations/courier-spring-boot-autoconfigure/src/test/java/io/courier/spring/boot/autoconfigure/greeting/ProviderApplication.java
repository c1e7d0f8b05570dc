package io.courier.spring.boot.autoconfigure.greeting;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A Spring Boot application that serves {@link Greeting}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GreetingProvider.class)
public class ProviderApplication {}
