/** Value types the serializer and codec tests send: the benchmark's {@code User} and friends. */
package io.courier.protocol.model;
