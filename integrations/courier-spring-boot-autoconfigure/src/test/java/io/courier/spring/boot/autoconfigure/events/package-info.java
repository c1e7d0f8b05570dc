/** A Spring Boot application that publishes and subscribes events, for {@code EventsStarterTest}. */
package io.courier.spring.boot.autoconfigure.events;
