package io.courier.examples.userguide;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.Shop;
import io.courier.examples.guide.UserService;
import java.util.List;

/** The consumer code of docs/user-guide.md section 3. */
final class Consumers {

    private Consumers() {}

    static UserService consume() {
        // region consume
        Courier consumer =
                Courier.builder().application("shop").registry("embedded").start();
        Shop shop = consumer.inject(new Shop()); // fills every @Reference field, superclasses too
        UserService users = consumer.reference(UserService.class); // or ask for a proxy directly
        // endregion
        return users;
    }

    static UserService inCode(Courier consumer, Courier provider) {
        // region options-in-code
        UserService users = consumer.reference(
                UserService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .timeoutMillis(1_000)
                        .build());
        // endregion
        return users;
    }
}
