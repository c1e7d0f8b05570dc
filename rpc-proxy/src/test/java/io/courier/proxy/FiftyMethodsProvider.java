package io.courier.proxy;

/** Each method returns its argument plus the number in its name. */
final class FiftyMethodsProvider implements FiftyMethods {

    @Override
    public int op00(int value) {
        return value + 0;
    }

    @Override
    public int op01(int value) {
        return value + 1;
    }

    @Override
    public int op02(int value) {
        return value + 2;
    }

    @Override
    public int op03(int value) {
        return value + 3;
    }

    @Override
    public int op04(int value) {
        return value + 4;
    }

    @Override
    public int op05(int value) {
        return value + 5;
    }

    @Override
    public int op06(int value) {
        return value + 6;
    }

    @Override
    public int op07(int value) {
        return value + 7;
    }

    @Override
    public int op08(int value) {
        return value + 8;
    }

    @Override
    public int op09(int value) {
        return value + 9;
    }

    @Override
    public int op10(int value) {
        return value + 10;
    }

    @Override
    public int op11(int value) {
        return value + 11;
    }

    @Override
    public int op12(int value) {
        return value + 12;
    }

    @Override
    public int op13(int value) {
        return value + 13;
    }

    @Override
    public int op14(int value) {
        return value + 14;
    }

    @Override
    public int op15(int value) {
        return value + 15;
    }

    @Override
    public int op16(int value) {
        return value + 16;
    }

    @Override
    public int op17(int value) {
        return value + 17;
    }

    @Override
    public int op18(int value) {
        return value + 18;
    }

    @Override
    public int op19(int value) {
        return value + 19;
    }

    @Override
    public int op20(int value) {
        return value + 20;
    }

    @Override
    public int op21(int value) {
        return value + 21;
    }

    @Override
    public int op22(int value) {
        return value + 22;
    }

    @Override
    public int op23(int value) {
        return value + 23;
    }

    @Override
    public int op24(int value) {
        return value + 24;
    }

    @Override
    public int op25(int value) {
        return value + 25;
    }

    @Override
    public int op26(int value) {
        return value + 26;
    }

    @Override
    public int op27(int value) {
        return value + 27;
    }

    @Override
    public int op28(int value) {
        return value + 28;
    }

    @Override
    public int op29(int value) {
        return value + 29;
    }

    @Override
    public int op30(int value) {
        return value + 30;
    }

    @Override
    public int op31(int value) {
        return value + 31;
    }

    @Override
    public int op32(int value) {
        return value + 32;
    }

    @Override
    public int op33(int value) {
        return value + 33;
    }

    @Override
    public int op34(int value) {
        return value + 34;
    }

    @Override
    public int op35(int value) {
        return value + 35;
    }

    @Override
    public int op36(int value) {
        return value + 36;
    }

    @Override
    public int op37(int value) {
        return value + 37;
    }

    @Override
    public int op38(int value) {
        return value + 38;
    }

    @Override
    public int op39(int value) {
        return value + 39;
    }

    @Override
    public int op40(int value) {
        return value + 40;
    }

    @Override
    public int op41(int value) {
        return value + 41;
    }

    @Override
    public int op42(int value) {
        return value + 42;
    }

    @Override
    public int op43(int value) {
        return value + 43;
    }

    @Override
    public int op44(int value) {
        return value + 44;
    }

    @Override
    public int op45(int value) {
        return value + 45;
    }

    @Override
    public int op46(int value) {
        return value + 46;
    }

    @Override
    public int op47(int value) {
        return value + 47;
    }

    @Override
    public int op48(int value) {
        return value + 48;
    }

    @Override
    public int op49(int value) {
        return value + 49;
    }
}
