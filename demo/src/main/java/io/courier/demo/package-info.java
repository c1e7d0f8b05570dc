/**
 * A runnable example system built on Courier: a user service, its providers and a consumer that
 * calls it, started together by {@link io.courier.demo.DemoApplication}.
 */
package io.courier.demo;
