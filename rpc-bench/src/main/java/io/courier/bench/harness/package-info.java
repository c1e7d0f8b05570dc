/**
 * Runs the systems under test: each server in its own JVM process started, watched and always stopped by the
 * harness, clients connected to it, and the comparison that drives JMH once per system and prints the table.
 */
package io.courier.bench.harness;
