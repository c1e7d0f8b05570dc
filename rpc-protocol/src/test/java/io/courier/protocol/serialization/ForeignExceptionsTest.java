package io.courier.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.RemoteException;
import io.courier.api.serialization.DeserializationPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exceptions another framework sent field by field, built back through their constructors. */
class ForeignExceptionsTest {

    /** No constructor of the usual three: its message comes first, then a field of its own. */
    public static final class ShortOfFunds extends Exception {
        private static final long serialVersionUID = 1L;
        private final long shortBy;

        public ShortOfFunds(String message, long shortBy) {
            super(message);
            this.shortBy = shortBy;
        }

        long shortBy() {
            return shortBy;
        }
    }

    private static final StackTraceElement[] STACK = {new StackTraceElement("com.example.Bank", "pay", "Bank.java", 7)};

    @Test
    void anAllowedClass_withTheMessageFirstOfItsParameters_isBuiltAsItself_finalFieldsIncluded() {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(ShortOfFunds.class).build();
        Throwable built = ForeignExceptions.rebuild(
                ShortOfFunds.class.getName(),
                "not enough",
                new IllegalStateException("cause"),
                STACK,
                Map.of("shortBy", 90L),
                policy);
        assertThat(built).isInstanceOfSatisfying(ShortOfFunds.class, e -> {
            assertThat(e.getMessage()).isEqualTo("not enough");
            assertThat(e.shortBy()).isEqualTo(90);
            assertThat(e.getCause()).hasMessage("cause");
            assertThat(e.getStackTrace()).containsExactly(STACK);
        });
    }

    @Test
    void aFieldValueOfTheWrongType_isDropped() {
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(ShortOfFunds.class).build();
        Throwable built = ForeignExceptions.rebuild(
                ShortOfFunds.class.getName(), "m", null, STACK, Map.of("shortBy", "ninety"), policy);
        assertThat(built).isInstanceOfSatisfying(ShortOfFunds.class, e -> assertThat(e.shortBy())
                .isZero());
    }

    @Test
    void aClassTheAllowListRefuses_isARemoteExceptionNamingIt() {
        Throwable built = ForeignExceptions.rebuild(
                ShortOfFunds.class.getName(),
                "m",
                null,
                STACK,
                Map.of(),
                ClassAllowList.builder().build());
        assertThat(built).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(ShortOfFunds.class.getName());
            assertThat(e.getStackTrace()).containsExactly(STACK);
        });
    }
}
