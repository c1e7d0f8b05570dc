/**
 * The provider's threads: where each call runs ({@link ServerExecutors}, {@link ElasticPool},
 * {@link VirtualThreads}), and the methods moved to the IO thread ({@link CallPlacement},
 * {@link CallPlacements}, {@link RunQueueWait}), and what a server's connections and streams share to
 * run calls ({@link ServerContext}). Not part of the public API.
 */
package io.courier.transport.internal.executor;
