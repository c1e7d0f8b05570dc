package io.courier.examples.guide;

import java.util.Objects;

/**
 * A value that travels: a plain class with a no-argument constructor, as the default serializer
 * ({@code auto}: fory, or protostuff) needs. Records travel with the {@code hessian} serializer only.
 */
public class User {

    private long id;
    private String name;

    public User() {}

    public User(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof User user && id == user.id && Objects.equals(name, user.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }

    @Override
    public String toString() {
        return "User(" + id + ", " + name + ")";
    }
}
