/**
 * The consumer side of the wiring: a reference's chain from the configuration to the transport
 * ({@link ReferenceFactory}), the {@code @Reference} fields it fills ({@link ReferenceFields}), generic
 * references ({@link GenericReferences}, {@link GenericReference}, {@link MetadataVersions}), and the
 * {@code required} check ({@link RequiredProvider}); what the references of one application share is
 * {@code internal.consumer}'s. Internal: rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.refer;
