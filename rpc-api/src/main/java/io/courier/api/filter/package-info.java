/**
 * What runs around every call. The extension point is {@link io.courier.api.filter.FilterFactory}:
 * what {@code META-INF/services} lists and Courier activates; it makes, for each service, the {@link
 * io.courier.api.filter.Filter} that runs on a call, given a {@link io.courier.api.filter.FilterContext}.
 * {@link io.courier.api.filter.StreamWatch} lets a filter see a stream call's messages and end.
 */
package io.courier.api.filter;
