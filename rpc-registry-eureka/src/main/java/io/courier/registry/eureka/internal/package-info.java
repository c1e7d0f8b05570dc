/**
 * The Eureka registry's machinery: the REST client, the instance layout, the provider-side registrations
 * and the registry poller. Internal: it may change at any time; use {@link io.courier.registry.eureka}
 * instead.
 */
package io.courier.registry.eureka.internal;
