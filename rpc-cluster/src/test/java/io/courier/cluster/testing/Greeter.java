package io.courier.cluster.testing;

import io.courier.api.HashKey;
import io.courier.api.Idempotent;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;

/** A service interface for tests: an idempotent read, a non-idempotent write and a few shapes. */
public interface Greeter {

    ServiceKey KEY = ServiceKey.of(Greeter.class);
    ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(Greeter.class);
    MethodDescriptor HELLO = DESCRIPTOR.find("hello(java.lang.String)");
    MethodDescriptor READ = DESCRIPTOR.find("read(long)");
    MethodDescriptor WRITE = DESCRIPTOR.find("write(long)");
    MethodDescriptor LOOKUP = DESCRIPTOR.find("lookup(java.lang.String,java.lang.String)");
    MethodDescriptor PING = DESCRIPTOR.find("ping()");
    MethodDescriptor COUNT = DESCRIPTOR.find("count()");

    String hello(String name);

    @Idempotent
    String read(long id);

    long write(long id);

    String lookup(String region, @HashKey String user);

    void ping();

    int count();
}
