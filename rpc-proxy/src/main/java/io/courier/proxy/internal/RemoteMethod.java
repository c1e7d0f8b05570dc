package io.courier.proxy.internal;

import java.lang.reflect.Method;

/**
 * An abstract interface method a proxy implements, and the index of the remote method it calls.
 * Several abstract methods can share one index: two super-interfaces declaring the same signature
 * with different (covariant) return types are one remote method.
 */
record RemoteMethod(Method method, int index) {}
