package io.courier.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDeclarationsTest {

    private static final KeyDeclaration DISCOUNT = KeyDeclaration.of(
            ConfigKey.application("shop.discount-percent", ValueType.integer(0, 100), 0, "discount, in %"),
            KeyDeclaration.check("int", 0, 100));
    private static final KeyDeclaration TOKEN = KeyDeclaration.of(
            ConfigKey.application("shop.api-token", ValueType.secretText(), "", "token"),
            KeyDeclaration.check("secret", Long.MIN_VALUE, Long.MAX_VALUE));
    private static final KeyDeclaration REGION = KeyDeclaration.of(
            ConfigKey.application("shop.region", ValueType.oneOf(java.util.Set.of("eu", "us")), "eu", "where"), "");

    @Test
    void decode_readsBackWhatEncodeWrote_withoutADate() {
        KeyDeclarations declarations = KeyDeclarations.of(List.of(DISCOUNT, TOKEN, REGION), false);
        String text = declarations.encode();

        assertThat(text)
                .doesNotContain("#")
                .isEqualTo(KeyDeclarations.decode(text).encode());
        assertThat(KeyDeclarations.decode(text).declarations()).containsExactly(TOKEN, DISCOUNT, REGION);
        assertThat(TOKEN.defaultText()).isEqualTo(KeyDeclaration.HIDDEN);
    }

    @Test
    void problem_refusesAnUndeclaredName_aValueOutOfRange_andAMaskWrittenBack() {
        KeyDeclarations declarations = KeyDeclarations.of(List.of(DISCOUNT, TOKEN, REGION), false);

        assertThat(declarations.problem("shop.discount-percnt", "5")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("shop.discount-percnt: not a key the application declares")
                .endsWith("; did you mean shop.discount-percent?"));
        assertThat(declarations.problem("shop.discount-percent", "150"))
                .contains("shop.discount-percent: '150' (expected: an integer 0 to 100)"
                        + " [document field settings.shop.discount-percent]");
        assertThat(declarations.problem("shop.api-token", KeyDeclaration.HIDDEN))
                .isPresent();
        assertThat(declarations.problem("shop.discount-percent", "15")).isEmpty();
        assertThat(declarations.problem("shop.region", "mars"))
                .as("no check: the application's")
                .isEmpty();
        assertThat(declarations.problem("logging.level.io.shop", "DEBUG")).isEmpty();
        assertThat(KeyDeclarations.of(List.of(DISCOUNT), true).problem("spring.anything", "x"))
                .isEmpty();
        assertThat(declarations.shown("shop.api-token", "s3cr3t")).isEqualTo(KeyDeclaration.HIDDEN);
    }

    @Test
    void decode_refusesAMalformedText() {
        assertThatThrownBy(() -> KeyDeclarations.decode("0.name=shop.x\n")).hasMessageContaining("0.type missing");
        assertThatThrownBy(() -> KeyDeclaration.type("int:0")).hasMessageContaining("expected: <kind>:<min>:<max>");
        assertThatThrownBy(() -> KeyDeclarations.decode("x".repeat(KeyDeclarations.MAX_CHARS + 1)))
                .hasMessageContaining("at most");
    }
}
