package io.courier.proxy;

import java.util.List;

/** A generic super-interface: its methods reach proxies of sub-interfaces with erased types. */
public interface Repository<T, I> {

    T get(I id);

    void put(T value);

    List<T> all();
}
