/**
 * The machinery behind the etcd registry: key layout, the instance codec, the leased registrar and
 * the provider watches. Not an API: anything here may change at any time without notice.
 */
package io.courier.registry.etcd.internal;
