/**
 * {@code GET /users/{id}} three ways: REST on a Courier provider's own port, the same call over Courier's
 * protocol, and a Spring Boot MVC controller doing the same work ({@link io.courier.bench.rest.RestComparison}).
 */
package io.courier.bench.rest;
