/**
 * The consumer side of the wiring: a reference's chain from the configuration to the transport
 * ({@link ReferenceFactory}), the {@code @Reference} fields it fills ({@link ReferenceFields}), generic
 * references ({@link GenericReferences}, {@link GenericReference}, {@link MetadataVersions}), and what
 * the references of one application share: connections per endpoint ({@link EndpointLeases}), live
 * timeouts ({@link LiveTimeout}), forced mocks ({@link ForcedMocks}), the {@code required} check
 * ({@link RequiredProvider}), the call protocols of other frameworks' providers ({@link CallProtocols}). Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.refer;
