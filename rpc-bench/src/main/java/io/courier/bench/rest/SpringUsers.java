package io.courier.bench.rest;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot MVC application (embedded Tomcat, Boot's defaults) whose controller does what {@link
 * SyntheticUserResource} does: {@code GET /users/{id}} answers the workload's user as JSON.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SpringUsers.UserController.class)
public class SpringUsers {

    /** The controller: the workload's user by id. */
    @RestController
    public static class UserController {
        private final SyntheticUserService users = new SyntheticUserService();

        @GetMapping(path = "/users/{id}", produces = "application/json")
        public User getUser(@PathVariable("id") long id) {
            return users.getUser(id);
        }
    }

    /** Starts the application on a free port of 127.0.0.1; the caller closes it. */
    static ConfigurableApplicationContext start() {
        SpringApplication application = new SpringApplication(SpringUsers.class);
        application.setDefaultProperties(Map.of(
                "server.port", "0",
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"));
        return application.run();
    }

    /** The port the application listens on. */
    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
