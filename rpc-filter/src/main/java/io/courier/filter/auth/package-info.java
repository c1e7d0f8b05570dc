/**
 * Caller authentication: a shared token checked by the provider, and optional HMAC-SHA256 request
 * signing with a timestamp and a nonce, refusing tampered, replayed and stale requests with
 * {@code FORBIDDEN}. Neither encrypts anything: use TLS on the transport for confidentiality.
 */
package io.courier.filter.auth;
