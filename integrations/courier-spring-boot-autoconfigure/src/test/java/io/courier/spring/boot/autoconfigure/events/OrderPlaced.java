package io.courier.spring.boot.autoconfigure.events;

/** The event. */
public record OrderPlaced(String orderId, long cents) {}
