package io.courier.examples.userguide;

import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.UserService;

/**
 * A {@code main} that fails after its applications started, without closing them: the JVM must
 * still exit ({@link ProcessLifecycleTest}).
 */
public final class ThrowsAfterStart {

    private ThrowsAfterStart() {}

    public static void main(String[] args) throws Exception {
        Courier provider = Courier.builder()
                .application("user-service")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .export(new InMemoryUserService())
                .start();
        Courier consumer =
                Courier.builder().application("shop").registry("embedded").start();
        UserService users = consumer.reference(
                UserService.class, ReferenceOptions.builder().required(true).build());
        String name = users.find(1).name();
        throw new IllegalStateException(
                "the application's own failure, after " + name + " was found on port " + provider.port());
    }
}
