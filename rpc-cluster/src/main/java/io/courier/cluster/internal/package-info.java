/**
 * The machinery behind the cluster layer's public entry points: per-instance candidates, their
 * statistics and circuit breakers, the candidate set shared by directories, and the route cache. Internal: it may change
 * at any time without notice; do not depend on it.
 */
package io.courier.cluster.internal;
