package io.courier.architecture.planted.loop;

import io.courier.architecture.planted.loop.internal.part.Back;

/** Planted: an entry point whose internal feature calls it back by its class, a loop of two classes. */
public class LoopingFacade {
    public Back start() {
        return new Back(this);
    }
}
