/**
 * Apache Thrift on a Courier provider's own port: {@link io.courier.thrift.ThriftProtocol} recognises the
 * framed transport's binary and compact protocols in a connection's first bytes and runs each call through
 * the provider path of Courier's calls; {@link io.courier.thrift.ThriftSchemas} derives a service's Thrift
 * IDL from its Java interface, and {@link io.courier.thrift.ThriftIdlCheck} keeps its field ids.
 */
package io.courier.thrift;
