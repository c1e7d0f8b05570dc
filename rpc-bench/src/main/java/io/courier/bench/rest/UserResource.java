package io.courier.bench.rest;

import io.courier.bench.workload.User;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/** The workload's {@code getUser} as a JAX-RS resource: {@code GET /users/{id}}. */
@Path("/users")
@Produces("application/json")
public interface UserResource {

    @GET
    @Path("/{id}")
    User getUser(@PathParam("id") long id);
}
