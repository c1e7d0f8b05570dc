/**
 * Testing Courier services and their consumers with JUnit 5: {@link io.courier.test.CourierTest}
 * starts an embedded registry and the test's applications, and {@link io.courier.test.MockProvider}
 * serves a stubbed service over real sockets. See {@code docs/testing.md}.
 */
package io.courier.test;
