/**
 * Turning values into bytes and back: the {@link io.courier.api.serialization.Serializer} extension
 * point, the byte streams it writes to and reads from ({@link io.courier.api.serialization.ByteSink},
 * {@link io.courier.api.serialization.ByteSource}), and the policy that says which classes a payload
 * may name ({@link io.courier.api.serialization.DeserializationPolicy}).
 */
package io.courier.api.serialization;
