package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.api.Oneway;
import java.util.concurrent.CompletableFuture;

/** The service the tests export and call. */
public interface Greeting {

    /** {@code "hello <name> from <application>"}. */
    String greet(String name);

    /** As {@link #greet}, answered asynchronously. */
    CompletableFuture<String> greetLater(String name);

    /** Leaves a note with the provider; nothing is answered. */
    @Oneway
    void note(String text);

    /** As {@link #greet}, but answered only when the provider's gate opens. */
    String held(String name);
}
