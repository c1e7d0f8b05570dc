/**
 * The mDNS registry's parts: the record layout, the announcements and the cache watch. Internal: may
 * change at any time; nothing outside rpc-registry-mdns may use it.
 */
package io.courier.registry.mdns.internal;
