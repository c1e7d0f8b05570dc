/** Courier's built-in filters: limits, circuit breaking, deadlines, tracing, metrics and auth. */
package io.courier.filter;
