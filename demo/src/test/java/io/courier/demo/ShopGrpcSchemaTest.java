package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.examples.guide.UserService;
import io.courier.grpc.GrpcSchemas;
import org.junit.jupiter.api.Test;

/**
 * The shop's interfaces have a protobuf form for every method a gRPC caller can call, so the demo's
 * gateway can forward every browser RPC (gRPC-Web, Connect) to them; {@code ShopBrowserRpcTest} calls
 * them from Chromium with a client generated from these files.
 */
class ShopGrpcSchemaTest {

    @Test
    void orderService_servesEveryMethod_withTheOrderEventsServerStream() {
        String proto = GrpcSchemas.protoFile(OrderService.class);
        assertThat(proto).doesNotContain("not served");
        assertThat(proto)
                .contains("rpc PlaceOrder (.io.courier.demo.PlaceOrderRequest) returns (.io.courier.demo.Order);")
                .contains(
                        "rpc OrderEvents (.io.courier.demo.OrderEventsRequest) returns (stream .io.courier.demo.OrderEvent);")
                .contains("rpc OrderCount (");
    }

    @Test
    void inventoryService_servesEveryMethod() {
        assertThat(GrpcSchemas.protoFile(InventoryService.class))
                .doesNotContain("not served")
                .contains("rpc Reserve (.io.courier.demo.ReserveRequest) returns (.io.courier.demo.Reservation);");
    }

    @Test
    void userService_servesAllButItsOnewayMethod_andFindIsAGetForConnect() {
        String proto = GrpcSchemas.protoFile(UserService.class);
        assertThat(proto)
                .contains("//   touch: a oneway method has no answer for a gRPC caller")
                .containsOnlyOnce("//   ")
                .contains(
                        "rpc Find (.io.courier.examples.guide.FindRequest) returns (.io.courier.examples.guide.User) {\n"
                                + "    option idempotency_level = NO_SIDE_EFFECTS;");
    }
}
