package io.courier.events.kafka.embedded;

/** The test event: an order, its customer key and its place in that key's sequence. */
public record OrderPlaced(String orderId, String customer, long sequence, long cents) {}
