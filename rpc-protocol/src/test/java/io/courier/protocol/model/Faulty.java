package io.courier.protocol.model;

/** A business exception carrying a record, which protostuff cannot write. */
public class Faulty extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private Point where;

    public Faulty(String message) {
        super(message);
        this.where = new Point(1, "here");
    }

    public Point where() {
        return where;
    }
}
