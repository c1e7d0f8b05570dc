package com.example.greeting;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * A service contract that is also a REST resource: Courier serves it over its own protocol, gRPC and
 * Dubbo, and, with rpc-rest on the class path, at these paths on the same port.
 */
@Path("/users")
public interface UserResource {

    @GET
    @Path("/{id}")
    User get(@PathParam("id") long id);

    @GET
    List<User> list(@QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    User create(User user);

    @PUT
    @Path("/{id}")
    User replace(@PathParam("id") long id, User user);

    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") long id);
}
