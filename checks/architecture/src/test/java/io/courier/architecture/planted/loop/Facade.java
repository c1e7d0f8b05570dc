package io.courier.architecture.planted.loop;

import io.courier.architecture.planted.loop.internal.part.Part;

/** Planted: a module's entry point, which builds an internal feature with the public options. */
public class Facade {
    public Part start(Options options) {
        return new Part(options);
    }
}
