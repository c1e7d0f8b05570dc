/**
 * {@code application/msgpack} on the gateway's calls: a MessagePack body converted to the call's JSON
 * and the JSON answer to MessagePack, by the msgpack serializer's tree reader and writer.
 */
package io.courier.gateway.msgpack;
