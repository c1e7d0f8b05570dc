package io.courier.examples.coordination;

import io.courier.api.Export;

/** Exported on every instance, registered only by the leader of {@code quotes}. */
@Export(leaderGroup = "quotes")
public class QuoteOfTheDay implements Quotes {

    private final String instance;

    public QuoteOfTheDay(String instance) {
        this.instance = instance;
    }

    @Override
    public String today() {
        return "Simplicity is prerequisite for reliability. (served by " + instance + ")";
    }
}
