package io.courier.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The declaration of one component of a {@link ConfigPrefix} record: its default, its range and
 * its meaning, as a {@link ConfigKey} has them. A component without it has no default (some source
 * must set it) and the whole range of its type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface ConfigValue {

    /** The default as text, parsed by the key's type; empty for none (a string's default is then empty). */
    String defaultValue() default "";

    /** The lowest valid value of a number, or the shortest duration in milliseconds. */
    long min() default Long.MIN_VALUE;

    /** The highest valid value of a number, or the longest duration in milliseconds. */
    long max() default Long.MAX_VALUE;

    /** One sentence saying what the setting does, shown to operators. */
    String meaning() default "";

    /** Whether the value is a secret: never logged nor shown (a String component only). */
    boolean secret() default false;
}
