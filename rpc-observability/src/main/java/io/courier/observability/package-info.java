/**
 * The OpenTelemetry SDK set up from {@code courier.tracing.*} when the application has none: an
 * exporter (OTLP, Zipkin or logging) behind a batching processor with a bounded queue, a sampler and
 * the application's resource attributes, closed (and flushed) when the application stops.
 */
package io.courier.observability;
