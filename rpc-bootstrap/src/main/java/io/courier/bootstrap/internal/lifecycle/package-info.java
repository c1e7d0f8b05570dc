/**
 * The life of one application: what it builds once and closes last ({@link Infrastructure}), and
 * how it stops ({@link ShutdownSequence}, {@link ShutdownHook}); the transport's stream totals as
 * meters, bound once per side ({@link StreamMeters}). Internal: rpc-bootstrap's own, not
 * API.
 */
package io.courier.bootstrap.internal.lifecycle;
