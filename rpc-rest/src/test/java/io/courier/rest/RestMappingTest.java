package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ServiceDescriptor;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.rest.bad.MissingPathParam;
import io.courier.rest.bad.PathParamNotInTemplate;
import io.courier.rest.bad.TwoOnOneRoute;
import io.courier.rest.bad.UnsupportedType;
import io.courier.rest.fixture.UserResource;
import io.courier.rest.internal.RestMapping;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The mapping of JAX-RS annotations, and what it refuses when a service is exported. */
class RestMappingTest {

    @Test
    void userResource_mapsEveryVerbAndTheDefaultRoute() {
        assertThat(RestMapping.of(ServiceDescriptor.of(UserResource.class)))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "GET /users/keys/{key}",
                        "GET /users/slow/{millis}",
                        "POST /users",
                        "DELETE /users/{id}",
                        "POST /io.courier.rest.fixture.UserResource/describe",
                        "GET /users/{id}",
                        "GET /users",
                        "PUT /users/{id}");
    }

    @Test
    void idempotentVerbs_makeIdempotentMethods() {
        ServiceDescriptor users = ServiceDescriptor.of(UserResource.class);
        assertThat(users.methods())
                .filteredOn(method -> method.idempotent())
                .extracting(method -> method.name())
                .containsExactlyInAnyOrder("get", "list", "replace", "delete", "byKey", "slow");
    }

    @Test
    void badMappings_areRefusedInWords() {
        assertThatThrownBy(() -> RestMapping.of(ServiceDescriptor.of(MissingPathParam.class)))
                .hasMessageContaining("{id} of /things/{id} has no @PathParam(\"id\") parameter");
        assertThatThrownBy(() -> RestMapping.of(ServiceDescriptor.of(PathParamNotInTemplate.class)))
                .hasMessageContaining("@PathParam [version] missing from the path template /things/{id}");
        assertThatThrownBy(() -> RestMapping.of(ServiceDescriptor.of(UnsupportedType.class)))
                .hasMessageContaining(
                        "query parameter 'filter' is a java.util.Map<java.lang.String, java.lang.String>"
                                + " (expected: a string, number, boolean, enum, UUID, java.time value, or a List or Set of one)");
    }

    /** The export path: the provider does not start, and says why. */
    @Test
    void aBadMapping_failsTheExport() {
        assertRefused(TwoOnOneRoute.class, "byId and byName are both GET /things/");
    }

    private static <T> void assertRefused(Class<T> type, String words) {
        T implementation = type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> null));
        assertThatThrownBy(() -> Courier.builder()
                        .application("bad-rest")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(implementation)
                        .start()
                        .close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be served by rest")
                .hasMessageContaining(words);
    }
}
