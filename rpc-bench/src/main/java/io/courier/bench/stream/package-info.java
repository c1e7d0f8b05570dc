/**
 * The server-stream workload (issue 23): a stream of the workload's users, as Courier serves it ({@link
 * io.courier.bench.stream.UserStreamService}) and gRPC's {@code StreamUsers} does, and the drivers that measure its
 * throughput and its heap.
 */
package io.courier.bench.stream;
