package com.example.greeting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The greeting's settings: {@code greeting.salutation} from {@code application.yml}, or from the
 * configuration centre's document of the application, which wins and is followed without restart.
 */
@Component
@ConfigurationProperties("greeting")
public class GreetingSettings {

    private String salutation = "Hello";

    public String getSalutation() {
        return salutation;
    }

    public void setSalutation(String salutation) {
        this.salutation = salutation;
    }
}
