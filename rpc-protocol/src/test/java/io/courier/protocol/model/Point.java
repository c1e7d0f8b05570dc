package io.courier.protocol.model;

/** A record, which only some serializers can carry. */
public record Point(int x, String label) {}
