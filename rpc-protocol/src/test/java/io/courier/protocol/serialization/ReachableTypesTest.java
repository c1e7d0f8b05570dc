package io.courier.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReachableTypesTest {

    /** A self-bounded type, as protobuf's generated messages have: T's bound names T again. */
    static class Node<T extends Node<T>> {
        T next;
        List<? extends T> children;
    }

    static final class Leaf extends Node<Leaf> {
        String name;
    }

    @Test
    void selfBoundedTypeVariables_areWalkedOnce_notForever() {
        assertThat(ReachableTypes.of(Leaf.class))
                .contains(Leaf.class.getName(), Node.class.getName(), String.class.getName(), List.class.getName());
    }
}
