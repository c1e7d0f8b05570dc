package io.courier.proxy;

/** One name, many signatures: each must reach its own implementation. */
public interface OverloadedService {

    String over();

    String over(int value);

    String over(long value);

    String over(Integer value);

    String over(String value);

    String over(String first, String second);

    String over(Object value);
}
