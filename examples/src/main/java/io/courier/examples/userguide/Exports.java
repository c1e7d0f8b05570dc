package io.courier.examples.userguide;

import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import java.util.Set;

/** The three ways to export of docs/user-guide.md section 2. */
final class Exports {

    private Exports() {}

    // region three-ways
    /** 1. Scan packages for @Export classes (created with their no-argument constructor). */
    static Courier scanning() {
        return Courier.builder()
                .application("user-service")
                .registry("embedded") // or "zookeeper://zk1:2181,zk2:2181", or none
                .port(20880) // every interface; 0 picks a free port
                .scan("io.courier.examples.guide")
                .start();
    }

    /** 2. Export instances you built (with their dependencies). */
    static Courier instances() {
        return Courier.builder()
                .application("user-service")
                .host("127.0.0.1")
                .port(0)
                .export(new InMemoryUserService("users-1"))
                .start();
    }

    /** 3. With options in code: they replace the courier.provider.* keys for this service. */
    static Courier withOptions() {
        return Courier.builder()
                .registry("embedded")
                .export(
                        new InMemoryUserService("canary"),
                        ServiceOptions.builder().tags(Set.of("canary")).build())
                .start();
    }
    // endregion
}
