package io.courier.examples.guide;

/**
 * A business exception: declared by the interface, so the consumer may deserialize it and receives
 * it as itself. The consumer rebuilds it through its {@code (String)} constructor (message kept)
 * and then copies its non-final fields ({@link #id()}).
 */
public class UserNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    private long id;

    public UserNotFoundException(String message) {
        super(message);
    }

    public UserNotFoundException(long id) {
        this("no user with id " + id);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
