package io.courier.demo;

/** A user of the demo shop; a plain value class, serialized by protostuff. */
public final class User {

    private long id;
    private String name;

    /** For the serializer. */
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
    public String toString() {
        return "User(" + id + ", " + name + ")";
    }
}
