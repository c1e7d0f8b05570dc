/**
 * The {@code fory} serializer (id 4): Apache Fory with class registration required, each service's
 * types registered in the same order on both sides, derived from its interface.
 */
package io.courier.serialization.fory;
