/**
 * rpc-thrift's own machinery: framing, the protocols, and the connection that runs calls on the provider
 * path. May change at any time; no other module may use it.
 */
package io.courier.thrift.internal;
