package io.courier.examples.extending;

import java.util.List;

/** A service whose values are records, which only the {@code records} and {@code hessian} serializers carry. */
public interface Orders {

    Order place(Order order);

    List<Order> history(String customer);

    /** Describes any value; a record the interface does not name is refused by the allow-list. */
    String describe(Object value);

    /** Always throws {@link IllegalStateException}. */
    void cancel(String orderId);

    record Line(String sku, int quantity) {
        public Line {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity: " + quantity + " (expected: > 0)");
            }
        }
    }

    record Order(String id, String customer, List<Line> lines, double total, Long couponId) {}

    /** The implementation the tests export. */
    final class Desk implements Orders {
        @Override
        public Order place(Order order) {
            return new Order("o-1", order.customer(), order.lines(), order.total() * 0.9, order.couponId());
        }

        @Override
        public List<Order> history(String customer) {
            return List.of(
                    new Order("o-0", customer, List.of(new Line("pen", 2)), 3.5, null),
                    new Order("o-1", customer, List.of(), 0.0, 7L));
        }

        @Override
        public String describe(Object value) {
            return value == null ? "null" : value.getClass().getName();
        }

        @Override
        public void cancel(String orderId) {
            throw new IllegalStateException("order " + orderId + " has shipped");
        }
    }
}
