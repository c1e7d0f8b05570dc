/**
 * Distributed tracing with the OpenTelemetry API: a client and a server span per call, W3C trace
 * context carried in the call's attachments, the trace id in the SLF4J MDC while a request is
 * served. Without an OpenTelemetry SDK every span is a no-op and nothing is propagated.
 */
package io.courier.filter.tracing;
