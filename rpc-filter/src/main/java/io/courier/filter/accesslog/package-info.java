/**
 * The access log: one structured line per call on the {@code courier.access} logger, off by
 * default.
 */
package io.courier.filter.accesslog;
