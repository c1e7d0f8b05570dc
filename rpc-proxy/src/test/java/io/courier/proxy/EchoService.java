package io.courier.proxy;

import io.courier.api.Oneway;
import java.util.concurrent.CompletableFuture;

/** Call styles, exceptions, nulls and arrays. */
public interface EchoService {

    String echo(String text);

    Object echoObject(Object value);

    void ping();

    void fail(String message);

    @Oneway
    void fire(String event);

    /** Two-way, unless a reference lists it as oneway. */
    void record(String event);

    CompletableFuture<String> echoAsync(String text);

    CompletableFuture<String> findAsync(String id);

    String find(String id) throws NotFoundException;

    String crash(String message);

    int[] reverse(int[] values);

    String[] split(String text);
}
