package com.example.greeting;

/** A user, as the REST resource reads and writes it in JSON. */
public record User(long id, String name) {}
