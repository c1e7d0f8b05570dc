/**
 * Courier's Thrift endpoint against libthrift's own {@code TThreadedSelectorServer}, both serving the same service to
 * the same stock libthrift client (framed transport, binary protocol): {@link io.courier.bench.thrift.ThriftComparison}.
 */
package io.courier.bench.thrift;
