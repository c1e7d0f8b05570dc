package io.courier.admin.cli;

import io.courier.api.config.ConfigPrefix;
import io.courier.api.config.ConfigValue;
import java.time.Duration;

/** The example of an application's own settings, bound by prefix. */
@ConfigPrefix("shop")
record ShopSettings(
        @ConfigValue(defaultValue = "0", min = 0, max = 100, meaning = "discount on every order, in %")
                int discountPercent,
        @ConfigValue(defaultValue = "2s", min = 1, max = 60_000, meaning = "how long a payment may take")
                Duration paymentTimeout,
        @ConfigValue(defaultValue = "false", meaning = "whether the new checkout is shown") boolean newCheckout) {}
