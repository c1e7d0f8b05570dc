/**
 * The built-in {@link io.courier.api.cluster.LoadBalancer} extensions: weighted random (the default),
 * smooth weighted round robin, least active, consistent hash, shortest response and power of two
 * choices. Select one by its extension name; the classes are public only for the extension loader.
 */
package io.courier.cluster.loadbalance;
