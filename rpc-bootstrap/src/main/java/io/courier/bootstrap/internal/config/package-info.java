/**
 * The bootstrap's configuration at work: where the values of its keys ({@link io.courier.bootstrap.config})
 * come from and in which order ({@link ConfigLoader}, {@link Settings}), and the annotation attributes and
 * per-service overrides they meet ({@link AnnotationOptions}, {@link ServiceOverride}). Internal: may change
 * in any release.
 */
package io.courier.bootstrap.internal.config;
