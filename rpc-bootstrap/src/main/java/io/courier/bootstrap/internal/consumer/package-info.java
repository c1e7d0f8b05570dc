/**
 * What the references of one application share, below the references that use it and the lifecycle
 * that closes it: connections per endpoint ({@link EndpointLeases}), live timeouts ({@link
 * LiveTimeout}), forced mocks ({@link ForcedMocks}), the call protocols of other frameworks' providers
 * ({@link CallProtocols}). Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.consumer;
