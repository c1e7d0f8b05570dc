/**
 * End-to-end JMH benchmarks: the four workload calls from 32 client threads over one connection to a server in
 * another JVM, for each system under test.
 */
package io.courier.bench.rpc;
