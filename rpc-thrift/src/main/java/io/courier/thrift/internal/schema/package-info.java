/**
 * The Thrift schema of a service interface, derived as the protobuf one is (field ids by position or
 * {@link io.courier.api.schema.FieldNumber}): structs and enums, the IDL text, its outline for the field-id
 * check, and the reading and writing of Java values in Thrift's protocols.
 */
package io.courier.thrift.internal.schema;
