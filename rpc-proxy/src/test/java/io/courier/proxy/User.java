package io.courier.proxy;

/** A value passed through generic signatures. */
public record User(long id, String name) {}
