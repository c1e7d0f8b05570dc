/**
 * A runnable example system built on Courier, started by {@link io.courier.demo.DemoApplication}: a
 * direct call to a user service, then a shop of seven applications (users, inventory with a canary,
 * orders, a client) with its traffic, timeline and checked summary.
 */
package io.courier.demo;
