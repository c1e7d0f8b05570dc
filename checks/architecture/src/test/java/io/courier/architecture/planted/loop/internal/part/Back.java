package io.courier.architecture.planted.loop.internal.part;

import io.courier.architecture.planted.loop.LoopingFacade;

/** Planted: the internal half of a loop of classes with the entry point that builds it. */
public class Back {
    private final LoopingFacade owner;

    public Back(LoopingFacade owner) {
        this.owner = owner;
    }

    public LoopingFacade owner() {
        return owner;
    }
}
