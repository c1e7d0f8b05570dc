/**
 * The transport's moving parts, by job: the consumer's side ({@code client}), the provider's side
 * ({@code server}), the provider's threads ({@code executor}) and streams ({@code stream}), over what
 * they all share ({@code channel}: the outbound write queue, the reconnect backoff); here, what the
 * public entry points build them with: event loops, TLS contexts.
 * Not part of the public API: anything here may change or disappear in any release.
 */
package io.courier.transport.internal;
