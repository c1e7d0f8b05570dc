/**
 * Call metrics with Micrometer (calls, errors by code, latency with percentiles, in-flight calls,
 * rejections by reason) and an optional Prometheus scrape endpoint on the JDK's HTTP server.
 */
package io.courier.filter.metrics;
