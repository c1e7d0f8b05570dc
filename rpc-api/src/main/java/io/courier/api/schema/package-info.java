/**
 * How a service's interface and the value classes it reaches are described to other worlds: {@link
 * io.courier.api.schema.FieldNumber} fixes a field's number in the protobuf schema Courier derives
 * from them (rpc-grpc), so that a change to a class never renumbers a field by accident.
 */
package io.courier.api.schema;
