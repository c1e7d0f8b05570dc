package io.courier.proxy;

/** Redeclares Object's methods: a proxy must still answer them locally. */
public interface DescribedService {

    @Override
    String toString();

    @Override
    int hashCode();

    @Override
    boolean equals(Object other);

    String describe();
}
