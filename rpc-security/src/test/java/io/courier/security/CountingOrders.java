package io.courier.security;

import io.courier.api.Identity;
import io.courier.api.RpcContext;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls that really ran: a refused call must never reach it. */
public final class CountingOrders implements Orders {

    private final AtomicInteger executions = new AtomicInteger();

    @Override
    public String read(String item) {
        executions.incrementAndGet();
        return "read " + item;
    }

    @Override
    public String write(String item) {
        executions.incrementAndGet();
        return "wrote " + item;
    }

    @Override
    public String whoAmI() {
        executions.incrementAndGet();
        return RpcContext.current().identity().map(CountingOrders::describe).orElse("anonymous");
    }

    private static String describe(Identity identity) {
        Object id = identity.claims().getOrDefault("jti", identity.claims().get("iat"));
        return identity.kind() + " " + identity.subject() + " names=" + new TreeSet<>(identity.names()) + " scopes="
                + new TreeSet<>(identity.scopes()) + " id=" + id;
    }

    int executions() {
        return executions.get();
    }
}
