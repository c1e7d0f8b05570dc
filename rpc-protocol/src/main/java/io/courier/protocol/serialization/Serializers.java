package io.courier.protocol.serialization;

import io.courier.api.serialization.Serializer;
import io.courier.protocol.ExportedService;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.internal.Header;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The serializers a node has installed, by header id. Built once at start-up; immutable and
 * thread-safe. {@link FrameDecoder} refuses a frame whose serializer id is not here; {@link
 * ExportedService#accepts} then narrows that to what one service was exported with.
 */
public final class Serializers {

    private final Serializer[] byId = new Serializer[Header.MAX_SERIALIZER_ID + 1];
    private final List<Serializer> all;

    private Serializers(Collection<? extends Serializer> serializers) {
        List<Serializer> list = new ArrayList<>(serializers.size());
        for (Serializer serializer : serializers) {
            Objects.requireNonNull(serializer, "serializer");
            int id = serializer.id();
            if (id < 1 || id > Header.MAX_SERIALIZER_ID) {
                throw new IllegalArgumentException(
                        "serializer id of " + serializer.getClass().getName() + ": " + id + " (expected: 1 to "
                                + Header.MAX_SERIALIZER_ID + ")");
            }
            if (byId[id] != null) {
                throw new IllegalArgumentException("serializer id " + id + ": used by both "
                        + byId[id].getClass().getName() + " and "
                        + serializer.getClass().getName()
                        + " (expected: unique)");
            }
            byId[id] = serializer;
            list.add(serializer);
        }
        this.all = List.copyOf(list);
    }

    /**
     * The given serializers.
     *
     * @throws IllegalArgumentException if an id is outside 1 to 31 or used twice
     */
    public static Serializers of(Serializer... serializers) {
        return new Serializers(Arrays.asList(serializers));
    }

    /** As {@link #of(Serializer...)}. */
    public static Serializers of(Collection<? extends Serializer> serializers) {
        return new Serializers(serializers);
    }

    /** Every {@link Serializer} extension on the class path ({@code protostuff} and {@code hessian} built in). */
    public static Serializers installed() {
        ExtensionLoader<Serializer> loader = ExtensionLoader.of(Serializer.class);
        List<Serializer> list = new ArrayList<>();
        for (String name : loader.names()) {
            list.add(loader.get(name));
        }
        return new Serializers(list);
    }

    /** The serializer with header id {@code id}, or {@code null} if none is installed. */
    public Serializer byId(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /** Every installed serializer. */
    public List<Serializer> all() {
        return all;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Serializers(");
        for (int i = 0; i < all.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(all.get(i).id());
        }
        return text.append(')').toString();
    }
}
