package io.courier.bench.stream;

/** One system's client of the server stream of users; not thread-safe. */
public interface UserStreamClient extends AutoCloseable {

    /**
     * Streams {@code count} users from the server, converted to the workload's {@code User} one by one, and checks
     * that they arrive in order.
     *
     * @return the users received
     * @throws IllegalStateException if the stream failed or a user arrived out of order
     */
    long stream(int count) throws InterruptedException;

    /**
     * The bytes one user's message takes on the wire in this system, computed from one user's encoding (ids near
     * {@code id} are as long): Courier's frame (header, kind byte, serialized user), gRPC's length-prefixed message.
     * The framing below it (TCP; HTTP/2's frame headers for gRPC, 9 bytes per frame of one or more messages) is left
     * out.
     */
    int messageBytes(long id);

    @Override
    void close();
}
