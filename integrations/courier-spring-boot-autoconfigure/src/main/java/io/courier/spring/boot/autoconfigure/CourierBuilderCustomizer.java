package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.CourierBuilder;

/**
 * Changes the {@link CourierBuilder} of the auto-configured {@code Courier} before it starts, after
 * the {@code courier.*} keys of Spring's {@code Environment} were given to it: for what no key can
 * say. A setter called here beats every key. Customizers run in {@code @Order}.
 */
@FunctionalInterface
public interface CourierBuilderCustomizer {

    /** Changes {@code builder}; called once, on the thread that creates the {@code Courier} bean. */
    void customize(CourierBuilder builder);
}
