package io.courier.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentCheckTest {

    interface Shapes {
        String place(long id, Object anything, List<String> tags, int[] sizes);
    }

    private final MethodDescriptor place =
            ServiceDescriptor.of(Shapes.class).methods().get(0);
    private final ArgumentCheck check = new ArgumentCheck(place);

    @Test
    void rejection_acceptsFittingArgumentsAndNullsForReferenceTypes() {
        assertThat(check.rejection(call(1L, new Object(), List.of("a"), new int[] {1})))
                .isNull();
        assertThat(check.rejection(call(1L, null, null, null))).isNull();
    }

    @Test
    void rejection_namesThePositionTheClassAndTheExpectedType() {
        assertThat(check.rejection(call(null, null, null, null)))
                .hasMessage("argument 0 of " + place.descriptor() + ": null (expected: long)")
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(check.rejection(call(1, null, null, null)))
                .hasMessage("argument 0 of " + place.descriptor() + ": java.lang.Integer (expected: long)");
        assertThat(check.rejection(call(1L, null, "tag", null)))
                .hasMessage("argument 2 of " + place.descriptor() + ": java.lang.String (expected: java.util.List)");
        assertThat(check.rejection(call(1L, null, null, new long[] {1})))
                .hasMessage("argument 3 of " + place.descriptor() + ": [J (expected: [I)");
    }

    private Invocation call(Object... arguments) {
        return Invocation.of(ServiceKey.of(Shapes.class), place, arguments);
    }
}
