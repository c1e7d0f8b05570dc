/**
 * The provider's threads: where each call runs ({@link ServerExecutors}, {@link ElasticPool},
 * {@link VirtualThreads}), and the methods moved to the IO thread ({@link CallPlacement},
 * {@link CallPlacements}, {@link RunQueueWait}). Not part of the public API.
 */
package io.courier.transport.internal.executor;
