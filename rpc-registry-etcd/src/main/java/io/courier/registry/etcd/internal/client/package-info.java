/**
 * How the etcd registry and its coordination use their etcd client, below both: where keys live, leases
 * kept alive, the connection watched, retries backed off, background tasks that fail quietly. Not an
 * API: anything here may change at any time without notice.
 */
package io.courier.registry.etcd.internal.client;
