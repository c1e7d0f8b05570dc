/**
 * Reads JMH's JSON result files and prints the comparison table: each call's throughput, latency percentiles and
 * allocation per system, the ratios Courier/Dubbo and Courier/raw-Netty, and whether each target is met.
 */
package io.courier.bench.report;
