package io.courier.examples.userguide;

import io.courier.api.Endpoint;
import io.courier.api.RpcContext;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.courier.filter.deadline.Deadlines;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The calls of docs/user-guide.md sections 4 to 10, run by {@code UserGuideExamplesTest}. */
final class Calls {

    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private Calls() {}

    static User kinds(UserService users) throws UserNotFoundException {
        // region kinds
        User ada = users.find(1); // waits; at most timeoutMillis per attempt

        CompletableFuture<List<User>> found = users.search("A"); // returns at once
        found.thenAccept(list -> log.info("{} users", list.size()));

        users.touch(1); // returns once the request is handed over
        // endregion
        return ada;
    }

    static User withTenant(UserService users) throws UserNotFoundException {
        // region attachment
        RpcContext.current().setAttachment("tenant", "acme"); // the calls this thread makes next carry it
        try {
            return users.find(1);
        } finally {
            RpcContext.current().setAttachment("tenant", null); // or clearAttachments()
        }
        // endregion
    }

    /** What a provider reads, inside an implementation method. */
    static String callerOfThisRequest() {
        // region request-attachment
        String tenant = RpcContext.current().requestAttachments().get("tenant");
        Endpoint caller = RpcContext.current().remoteEndpoint(); // the consumer's address
        // endregion
        return tenant + "@" + caller;
    }

    static OptionalLong tighterBudget() {
        // region deadline
        OptionalLong left = Deadlines.remainingMillis(); // what is left of the request being served
        RpcContext.current().setAttachment(Deadlines.BUDGET, "250"); // this thread's next calls: 250 ms
        // endregion
        RpcContext.current().setAttachment(Deadlines.BUDGET, null);
        return left;
    }

    static String tagged(UserService users) {
        // region tag
        RpcContext.current().setTag("canary");
        try {
            return users.instance(); // -> the canary instance
        } finally {
            RpcContext.current().setTag(null);
        }
        // endregion
    }

    static long missing(UserService users) {
        // region business-exception
        try {
            users.find(42);
        } catch (UserNotFoundException e) { // the provider's exception, rebuilt on the consumer
            log.info("{}", e.getMessage()); // "no user with id 42"
            return e.id(); // 42
        }
        // endregion
        return -1;
    }
}
