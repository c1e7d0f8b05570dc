package io.courier.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameters whose arguments the {@code consistenthash} load balancer hashes, so that
 * calls with equal values of those arguments go to the same instance. When no parameter of a
 * method is marked, the first argument is hashed; a method without parameters hashes its name.
 *
 * <p>An argument is hashed through its {@code toString()}, which must therefore be stable across
 * processes: strings, numbers, enums and UUIDs are; most other classes need their own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface HashKey {}
