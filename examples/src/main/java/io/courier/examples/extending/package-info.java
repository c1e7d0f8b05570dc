/**
 * The extensions of {@code docs/extending.md}: a filter, a load balancer, a serializer and a
 * registry, each registered through a {@code META-INF/services} file of this module.
 */
package io.courier.examples.extending;
