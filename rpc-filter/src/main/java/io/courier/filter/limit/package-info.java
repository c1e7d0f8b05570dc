/**
 * Rate and concurrency limits: token buckets per service and per method, fixed limits on calls
 * executing (provider) or in flight (consumer) per method, and an adaptive, gradient-based
 * concurrency limit. A refused call is not executed and fails with {@code RATE_LIMITED}.
 */
package io.courier.filter.limit;
