package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ServiceDescriptor;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserService;
import io.courier.protocol.serialization.ClassAllowList;
import org.junit.jupiter.api.Test;

/** Stub JSON builds only the classes the service's allow-list admits, and nothing coerces silently. */
class StrictJsonTest {

    private static final String ADA = "{\"id\": 1, \"name\": \"Ada\"}";

    @Test
    void typeTheInterfaceReaches_isRead_throughItsFields() throws Exception {
        ObjectMapper json = StrictJson.mapper(ClassAllowList.builder()
                .allowTypesOf(ServiceDescriptor.of(UserService.class))
                .build());

        assertThat(json.readValue(ADA, User.class).name()).isEqualTo("Ada");
    }

    @Test
    void classOutsideTheAllowList_isRefusedByName_beforeItIsBuilt() {
        ObjectMapper json = StrictJson.mapper(ClassAllowList.builder().build());

        assertThatThrownBy(() -> json.readValue(ADA, User.class))
                .hasMessageContaining(
                        "class io.courier.examples.guide.User is not a type the service interface reaches");
    }

    @Test
    void stringForANumber_isNotCoerced() {
        ObjectMapper json = StrictJson.mapper(ClassAllowList.builder()
                .allowTypesOf(ServiceDescriptor.of(UserService.class))
                .build());

        assertThatThrownBy(() -> json.readValue("{\"id\": \"1\", \"name\": \"Ada\"}", User.class))
                .hasMessageContaining("Cannot coerce String value");
    }
}
