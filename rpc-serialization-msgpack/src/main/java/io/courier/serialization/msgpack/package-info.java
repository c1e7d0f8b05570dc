/**
 * The {@code msgpack} serializer (id 5): MessagePack values bound to their declared types by the
 * JSON serializer's rules, and the conversion between MessagePack and JSON trees that the gateway
 * uses to read and answer {@code application/msgpack}.
 */
package io.courier.serialization.msgpack;
