/**
 * The example of docs/spring-boot.md: a provider application serving {@link
 * io.courier.spring.boot.starter.example.StockService} and a consumer application calling it, each a
 * Spring Boot application with the starter and a profile of its own ({@code application-stock.yml},
 * {@code application-orders.yml}); and {@link io.courier.spring.boot.starter.example.StartTime}, which
 * measures what the starter adds to a start.
 */
package io.courier.spring.boot.starter.example;
