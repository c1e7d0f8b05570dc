package io.courier.protocol.model;

/** A sealed hierarchy: its permitted subclasses are reachable from any use of it. */
public sealed interface Shape permits Shape.Circle, Shape.Square {

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}
}
