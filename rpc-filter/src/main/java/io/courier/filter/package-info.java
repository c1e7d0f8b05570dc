/**
 * Courier's filter chains and built-in filters: {@link io.courier.filter.FilterChains} assembles the
 * activated filters of one service and side into one invoker, once; the sub-packages hold the
 * filters (limits, circuit breaking, deadlines, tracing, metrics, access log, authentication).
 */
package io.courier.filter;
