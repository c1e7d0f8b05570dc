package io.courier.proxy;

/** Package-private: generated classes must live in this package to implement or call it. */
interface InternalService {

    String secret(int code);
}
