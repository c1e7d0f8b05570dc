package io.courier.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record to the application's keys under a prefix: each component is the key
 * {@code <prefix>.<component in kebab case>}, so {@code @ConfigPrefix("shop") record
 * ShopSettings(int discountPercent)} reads {@code shop.discount-percent}. A component's type is its
 * key's type (int, long, double, boolean, String, {@link java.time.Duration}, {@code List<String>});
 * {@link ConfigValue} gives its default, range, meaning and whether it is secret. Read with
 * {@link AppSettings#bind}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConfigPrefix {

    /** The keys' common prefix, e.g. {@code shop}; not {@code courier}. */
    String value();
}
