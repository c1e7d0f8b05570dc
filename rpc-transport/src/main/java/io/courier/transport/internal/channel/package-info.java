/**
 * What every connection of both sides and their streams share, below them all: the outbound write queue
 * and its frames, the count of bytes a channel holds, the reconnect backoff, the failure of a call never
 * sent. Not part of the public API: anything here may change or disappear in any release.
 */
package io.courier.transport.internal.channel;
