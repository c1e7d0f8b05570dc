package io.courier.thrift.internal;

/** One frame of the framed transport: its message, the 4-byte length already taken off. */
record ThriftFrame(byte[] message) {}
