package io.courier.rest.bad;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code {id}} in the template, no {@code @PathParam("id")}. */
public interface MissingPathParam {
    @GET
    @Path("/things/{id}")
    String get();
}
