/**
 * Courier's one source of time, {@link io.courier.api.time.Ticker}: filters, the cluster layer and
 * tests that drive them with a fake clock read the time only through it.
 */
package io.courier.api.time;
