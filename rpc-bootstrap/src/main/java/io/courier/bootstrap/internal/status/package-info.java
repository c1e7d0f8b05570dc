/**
 * What one application shows about itself: the {@code CourierStatus} snapshot it assembles
 * ({@link StatusSnapshot}), the admin endpoint bound to it ({@link AdminBinding}), and the transport's
 * stream totals as meters ({@link StreamMeters}). Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.status;
