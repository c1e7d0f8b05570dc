package io.courier.api.event.contract;

/**
 * An event of another type than a subscription reads: the strict allow-list must refuse it without
 * calling the handler, and send it to the dead-letter destination.
 */
public record Intruder(String command) {}
