/**
 * End-to-end JMH benchmarks: the four workload calls from 32 client threads over one connection to a server in
 * another JVM, for each system under test; and a server stream of users ({@code StreamBenchmark}).
 */
package io.courier.bench.rpc;
