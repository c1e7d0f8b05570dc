/**
 * The transport's moving parts, by job: the consumer's side ({@code client}), the provider's side
 * ({@code server}), the provider's threads ({@code executor}) and streams ({@code stream}); here,
 * what both sides share: the outbound write queue, event loops, TLS contexts, the reconnect backoff.
 * Not part of the public API: anything here may change or disappear in any release.
 */
package io.courier.transport.internal;
