package io.courier.spring.boot.autoconfigure.greeting;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A Spring Boot application that calls {@link Greeting} through field, constructor and setter references. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({FieldClient.class, ConstructorClient.class, SetterClient.class})
public class ConsumerApplication {}
