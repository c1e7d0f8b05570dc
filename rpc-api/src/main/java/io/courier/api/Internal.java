package io.courier.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of a module's {@code .internal} package that Courier's other modules may use: one
 * small class for one capability a sibling needs (as gRPC's {@code Internal*} classes are). Not for
 * applications: a class marked so may change or disappear in any release. The build's module rule
 * lets another module use an {@code .internal} class only when that class carries this mark.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Internal {}
