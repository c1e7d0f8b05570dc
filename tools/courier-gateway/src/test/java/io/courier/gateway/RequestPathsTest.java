package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ServiceKey;
import org.junit.jupiter.api.Test;

/** The routes the gateway keeps per path: decoded once, and never more than its bound. */
class RequestPathsTest {

    @Test
    void route_decodesTheServiceAndTheMethodOfAPath() {
        RequestPaths.Route route = RequestPaths.route("/io.example.Echo/say%20it");

        assertThat(route.key()).isEqualTo(ServiceKey.parse("io.example.Echo"));
        assertThat(route.method()).isEqualTo("say it");
        assertThat(RequestPaths.route("/io.example.Echo")).isNull();
        assertThat(RequestPaths.route("/io.example.Echo/")).isNull();
    }

    @Test
    void routes_keepOnlyWhatACallerKeeps_andNoMoreThanTheBound() {
        RequestPaths.Routes routes = new RequestPaths.Routes();

        // looked up but never kept (a path that named no method at hand): nothing is held for it
        for (int i = 0; i < 2 * RequestPaths.Routes.MAX; i++) {
            assertThat(routes.of("/io.example.Echo/made" + i).method()).isEqualTo("made" + i);
        }
        assertThat(routes.size()).isZero();

        for (int i = 0; i < 2 * RequestPaths.Routes.MAX; i++) {
            String path = "/io.example.Echo/kept" + i;
            routes.keep(path, RequestPaths.route(path));
        }
        assertThat(routes.size()).isEqualTo(RequestPaths.Routes.MAX);
        // past the bound a path is still routed, parsed per request
        assertThat(routes.of("/io.example.Echo/kept" + (2 * RequestPaths.Routes.MAX - 1))
                        .method())
                .isEqualTo("kept" + (2 * RequestPaths.Routes.MAX - 1));
        assertThat(routes.of("/io.example.Echo/kept0")).isSameAs(routes.of("/io.example.Echo/kept0"));
    }
}
