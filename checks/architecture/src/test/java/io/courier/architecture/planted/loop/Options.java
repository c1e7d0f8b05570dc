package io.courier.architecture.planted.loop;

/** Planted: a public type of a module, which its internal features are configured with. */
public record Options(int size) {}
