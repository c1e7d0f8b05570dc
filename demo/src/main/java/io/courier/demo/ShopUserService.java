package io.courier.demo;

import io.courier.api.Export;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shop's user service: the getting-started guide's {@link InMemoryUserService} (whose three
 * users the guide prints) plus a fourth user, the one the shop's traffic tags as the canary's,
 * counting the lookups it executed and naming itself on the serving span, so that the report can
 * show which provider did the work.
 */
@Export
public final class ShopUserService extends InMemoryUserService {

    /** The fourth user: the shop's traffic cycles through users 1 to 4. */
    private static final User CHURCH = new User(4, "Alonzo Church");

    private final LongAdder found = new LongAdder();

    /** The instance scanning creates. */
    public ShopUserService() {
        this("provider");
    }

    public ShopUserService(String instance) {
        super(instance);
    }

    @Override
    public User find(long id) throws UserNotFoundException {
        found.increment();
        Span.current().setAttribute("shop.instance", instance());
        return id == CHURCH.id() ? CHURCH : super.find(id);
    }

    @Override
    public CompletableFuture<List<User>> search(String prefix) {
        return super.search(prefix).thenApply(users -> {
            // A plain ArrayList: the serializers rebuild it without touching JDK-internal classes.
            List<User> all = new ArrayList<>(users);
            if (CHURCH.name().startsWith(prefix)) {
                all.add(CHURCH);
            }
            return all;
        });
    }

    /** How many {@link #find} calls this instance executed. */
    long found() {
        return found.sum();
    }
}
