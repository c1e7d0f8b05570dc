package io.courier.examples.canary;

import io.courier.api.Export;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.UserService;

/**
 * The same implementation, exported as a canary: {@code @Export} finds {@link UserService} through
 * the superclass. (In a package of its own, so that scanning {@code io.courier.examples.guide} does
 * not export the service twice.)
 */
@Export(tags = "canary")
public class CanaryUserService extends InMemoryUserService {

    public CanaryUserService() {
        super("canary");
    }
}
