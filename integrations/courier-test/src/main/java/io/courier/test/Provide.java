package io.courier.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link CourierTest} class whose value the test's provider application exports
 * before each test: a {@link MockProvider}, or any implementation of one service interface (an
 * {@code @Export} class or a class implementing exactly one interface). The field must be set when
 * the test instance is constructed, e.g. by its initializer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Provide {}
