package io.courier.api.planted;

import io.courier.bootstrap.Courier;

/** Planted: a class in rpc-api's packages that reaches up into rpc-bootstrap. */
public class UsesBootstrap {
    public Class<?> entryPoint() {
        return Courier.class;
    }
}
