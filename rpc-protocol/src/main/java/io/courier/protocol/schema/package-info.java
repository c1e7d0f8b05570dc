/**
 * What the schemas Courier derives for other protocols share (the protobuf schema of rpc-grpc, the Thrift
 * IDL of rpc-thrift): how a value class's members are read, numbered and built ({@link
 * io.courier.protocol.schema.ValueClass}), the numbered names of a schema file, and the check that a change
 * keeps the numbers a committed file gave out.
 */
package io.courier.protocol.schema;
