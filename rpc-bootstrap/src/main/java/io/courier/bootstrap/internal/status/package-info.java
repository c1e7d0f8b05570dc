/**
 * What one application shows about itself: the {@code CourierStatus} snapshot it assembles
 * ({@link StatusSnapshot}) and the admin endpoint bound to it ({@link AdminBinding}). Internal:
 * rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.status;
