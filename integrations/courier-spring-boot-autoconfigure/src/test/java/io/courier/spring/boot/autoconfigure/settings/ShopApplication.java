package io.courier.spring.boot.autoconfigure.settings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;

/** A Spring Boot application with a {@code @ConfigurationProperties} bean and a {@code @Value} field. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(ShopProperties.class)
@Import(ShopApplication.Banner.class)
public class ShopApplication {

    /**
     * Holds a {@code @Value} field, fixed when it is injected; created after Courier, so that the value
     * is the centre's.
     */
    @DependsOn("courier")
    public static class Banner {

        @Value("${shop.discount-percent}")
        public int discountAtStart;
    }
}
