package io.courier.spring.boot.starter.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The provider application: {@code --spring.profiles.active=stock} reads {@code application-stock.yml}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(InMemoryStock.class)
public class StockApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockApplication.class, args);
    }
}
