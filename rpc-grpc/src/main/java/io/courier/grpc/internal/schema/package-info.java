/**
 * The protobuf schema Courier derives from a service interface and the value classes it reaches, the
 * codecs that write and read those values as real protobuf, the {@code .proto} text of a schema and
 * the field-number check against a committed {@code .proto}. Not part of the public API; may change at
 * any time.
 */
package io.courier.grpc.internal.schema;
