/**
 * A runnable example system built on Courier, started by {@link io.courier.demo.DemoApplication}: a
 * direct call to a user service, then a shop of eight applications (users, inventory with a canary,
 * orders, notifications, a client) with its traffic, its {@code OrderPlaced} events on an embedded
 * Kafka, timeline and checked summary.
 */
package io.courier.demo;
