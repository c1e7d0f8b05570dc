package io.courier.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface method (or every method of an interface) as safe to run twice. Only such
 * methods are retried after an error that may have executed the call (a timeout, a connection lost
 * after the request was sent); every method is retried after errors that prove the call did not
 * run ({@link RpcException#notExecuted()}). A method with a JAX-RS verb HTTP defines as idempotent
 * ({@code @GET}, {@code @PUT}, {@code @DELETE}, {@code @HEAD}, {@code @OPTIONS}) is idempotent without
 * it; {@code @POST} and {@code @PATCH} are not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {}
