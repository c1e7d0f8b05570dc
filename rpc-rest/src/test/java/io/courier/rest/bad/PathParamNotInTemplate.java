package io.courier.rest.bad;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A {@code @PathParam} whose name the template does not have. */
public interface PathParamNotInTemplate {
    @GET
    @Path("/things/{id}")
    String get(@PathParam("id") long id, @PathParam("version") int version);
}
