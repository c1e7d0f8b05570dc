package io.courier.protocol.model;

import java.util.List;
import java.util.Map;

/** A service whose interface reaches every model type, so that its allow-list admits them. */
public interface ModelService {

    User getUser(long id);

    Page listUser(int pageNo);

    Order place(Order order, List<User> buyers, Map<String, Address> addresses);

    Point move(Point point);

    Status status(Status status);

    void pay(long amount) throws InsufficientFundsException;

    Object anything(Object value);

    Envelope wrap(Envelope envelope);

    Map<Object, String> keyed(Map<Object, String> values);
}
