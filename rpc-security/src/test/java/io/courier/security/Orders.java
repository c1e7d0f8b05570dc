package io.courier.security;

/** The service the security tests call: one method to read, one to write, one that reports the caller. */
public interface Orders {

    String read(String item);

    String write(String item);

    /** The caller's identity as the implementation sees it through {@code RpcContext}. */
    String whoAmI();
}
