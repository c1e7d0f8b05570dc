/**
 * The state of one application as its users read it: {@link CourierStatus} (from
 * {@code Courier.status()}, shown by the admin endpoint, the Spring Boot health indicator and
 * endpoint) and {@link ProviderStatus}. Immutable records, on nothing else of rpc-bootstrap, so that
 * the admin endpoint reads them without depending on the wiring.
 */
package io.courier.bootstrap.status;
