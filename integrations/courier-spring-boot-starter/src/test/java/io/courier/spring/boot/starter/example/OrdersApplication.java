package io.courier.spring.boot.starter.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The consumer application: {@code --spring.profiles.active=orders} reads {@code application-orders.yml}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OrderDesk.class)
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
