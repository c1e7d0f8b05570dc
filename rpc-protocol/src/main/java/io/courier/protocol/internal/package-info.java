/**
 * The protocol's internals: header constants, wire primitives, body readers and writers and the
 * serializer plumbing. Not an API: anything here may change at any time without notice.
 */
package io.courier.protocol.internal;
