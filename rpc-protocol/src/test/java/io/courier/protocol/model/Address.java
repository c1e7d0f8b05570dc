package io.courier.protocol.model;

import java.util.Objects;

public class Address {

    private String city;
    private String street;

    public Address() {}

    public Address(String city, String street) {
        this.city = city;
        this.street = street;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Objects.equals(city, a.city) && Objects.equals(street, a.street);
    }

    @Override
    public int hashCode() {
        return Objects.hash(city, street);
    }
}
