package io.courier.transport;

import io.courier.api.Oneway;

/** The service the transport tests call; {@link TestProvider} implements it without a proxy. */
public interface EchoService {

    /** Returns {@code payload}. */
    byte[] echo(byte[] payload);

    /** Returns {@code tag} after {@code millis}, without holding a thread meanwhile. */
    String later(String tag, long millis);

    /** Returns {@code tag} after sleeping {@code millis} on the executor's thread. */
    String sleep(String tag, long millis);

    /** Returns a byte array of {@code size} bytes. */
    byte[] blob(int size);

    /** Returns the name of the thread the call ran on. */
    String thread();

    /** Throws {@link IllegalStateException} with {@code message}: a business exception. */
    String boom(String message);

    /** Records {@code tag}; nothing is answered. */
    @Oneway
    void fire(String tag);
}
