/**
 * A {@link io.courier.api.registry.Registry} on multicast DNS and DNS-SD (RFC 6762, RFC 6763): the
 * {@code mdns} {@link io.courier.api.registry.RegistryFactory} extension, zero-configuration discovery on
 * one network for development and small setups. Providers announce {@code _courier._tcp.local.} service
 * records, consumers browse them; the layout, the TTL and what is not offered are in {@code
 * docs/registry.md}, section "The mDNS registry".
 */
package io.courier.registry.mdns;
