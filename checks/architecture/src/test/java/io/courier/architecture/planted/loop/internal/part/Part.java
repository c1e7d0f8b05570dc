package io.courier.architecture.planted.loop.internal.part;

import io.courier.architecture.planted.loop.Options;

/** Planted: an internal feature that reads its module's public options. */
public class Part {
    private final Options options;

    public Part(Options options) {
        this.options = options;
    }

    public int size() {
        return options.size();
    }
}
