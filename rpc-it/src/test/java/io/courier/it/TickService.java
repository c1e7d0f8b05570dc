package io.courier.it;

/** The cheapest possible call, for the filter scenarios: answers {@code n + 1}. */
public interface TickService {
    long tick(long n);
}
