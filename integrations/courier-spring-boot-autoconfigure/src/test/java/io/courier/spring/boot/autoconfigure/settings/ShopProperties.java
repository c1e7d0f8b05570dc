package io.courier.spring.boot.autoconfigure.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shop's settings as a JavaBean {@code @ConfigurationProperties} bean: rebound on change. */
@ConfigurationProperties("shop")
public class ShopProperties {

    private int discountPercent;
    private boolean newCheckout;

    public int getDiscountPercent() {
        return discountPercent;
    }

    public void setDiscountPercent(int discountPercent) {
        this.discountPercent = discountPercent;
    }

    public boolean isNewCheckout() {
        return newCheckout;
    }

    public void setNewCheckout(boolean newCheckout) {
        this.newCheckout = newCheckout;
    }
}
