package io.courier.protocol.model;

public enum Status {
    NEW,
    PAID,
    SHIPPED
}
