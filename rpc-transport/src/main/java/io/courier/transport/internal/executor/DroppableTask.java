package io.courier.transport.internal.executor;

/**
 * A task an executor may drop unrun when it stops: told so, it releases what it holds and fails its
 * caller. Server calls implement it, so that the executors need not know the server's call type.
 */
public interface DroppableTask extends Runnable {

    /** This task will never run: release its request and tell its caller. */
    void dropped();
}
