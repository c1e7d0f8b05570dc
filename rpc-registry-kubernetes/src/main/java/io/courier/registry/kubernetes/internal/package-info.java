/**
 * The Kubernetes registry's machinery: the EndpointSlice layout, the slice feeds and the provider-side
 * registrations. Internal: it may change at any time; use {@link io.courier.registry.kubernetes} instead.
 */
package io.courier.registry.kubernetes.internal;
