/**
 * The options of rpc-filter's filters as typed keys ({@link io.courier.filter.config.FilterKeys}),
 * and the catalog that declares them to the {@link io.courier.api.config.ConfigKeyRegistry}
 * ({@link io.courier.filter.config.FilterKeyCatalog}). Filters read them through
 * {@link io.courier.api.filter.FilterContext#setting(io.courier.api.config.ConfigKey)}.
 */
package io.courier.filter.config;
