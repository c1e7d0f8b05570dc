package io.courier.api.event.contract;

/** The contract's event: an order, its customer (the key) and its place in that customer's sequence. */
public record ContractOrder(String orderId, String customer, long sequence) {}
