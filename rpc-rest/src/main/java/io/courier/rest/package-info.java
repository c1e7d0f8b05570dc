/**
 * REST both ways from JAX-RS annotations: {@link io.courier.rest.RestProtocol} serves a provider's
 * services as HTTP resources on its own port, and {@link io.courier.rest.RestCallProtocolFactory} lets a
 * Courier reference call plain REST services through the same annotated interface.
 */
package io.courier.rest;
