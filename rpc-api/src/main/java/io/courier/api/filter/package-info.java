/**
 * The filter extension point, {@link io.courier.api.filter.FilterFactory}: what
 * {@code META-INF/services} lists and Courier activates, apart from the {@link io.courier.api.filter.Filter}
 * it makes for each service, which is what runs on a call.
 */
package io.courier.api.filter;
