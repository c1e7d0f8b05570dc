package io.courier.proxy;

/** A wide service: fifty distinct methods, each adding its own number to the argument. */
public interface FiftyMethods {

    int op00(int value);

    int op01(int value);

    int op02(int value);

    int op03(int value);

    int op04(int value);

    int op05(int value);

    int op06(int value);

    int op07(int value);

    int op08(int value);

    int op09(int value);

    int op10(int value);

    int op11(int value);

    int op12(int value);

    int op13(int value);

    int op14(int value);

    int op15(int value);

    int op16(int value);

    int op17(int value);

    int op18(int value);

    int op19(int value);

    int op20(int value);

    int op21(int value);

    int op22(int value);

    int op23(int value);

    int op24(int value);

    int op25(int value);

    int op26(int value);

    int op27(int value);

    int op28(int value);

    int op29(int value);

    int op30(int value);

    int op31(int value);

    int op32(int value);

    int op33(int value);

    int op34(int value);

    int op35(int value);

    int op36(int value);

    int op37(int value);

    int op38(int value);

    int op39(int value);

    int op40(int value);

    int op41(int value);

    int op42(int value);

    int op43(int value);

    int op44(int value);

    int op45(int value);

    int op46(int value);

    int op47(int value);

    int op48(int value);

    int op49(int value);
}
