/**
 * Benchmarks of Courier beside Apache Dubbo and a raw Netty RPC on the dubbo-benchmark workload. Sub-packages hold
 * the workload, each system's client and server, the process harness, the JMH benchmarks and the report.
 */
package io.courier.bench;
