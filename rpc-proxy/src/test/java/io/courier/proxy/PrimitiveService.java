package io.courier.proxy;

/** Every primitive type as argument and result. */
public interface PrimitiveService {

    boolean not(boolean value);

    byte nextByte(byte value);

    short nextShort(short value);

    char nextChar(char value);

    int nextInt(int value);

    long nextLong(long value);

    float half(float value);

    double twice(double value);

    String describe(boolean z, byte b, short s, char c, int i, long l, float f, double d);

    int count();
}
