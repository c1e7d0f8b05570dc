package com.example.users;

/** A user, as the users team's API jar defines it. */
public record User(long id, String name) {}
