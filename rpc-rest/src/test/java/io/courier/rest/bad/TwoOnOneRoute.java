package io.courier.rest.bad;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Two methods on {@code GET /things/{}}. */
@Path("/things")
public interface TwoOnOneRoute {
    @GET
    @Path("/{id}")
    String byId(@PathParam("id") long id);

    @GET
    @Path("/{name}")
    String byName(@PathParam("name") String name);
}
