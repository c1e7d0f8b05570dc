package io.courier.rest.bad;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/** A query parameter of a type text does not convert to. */
public interface UnsupportedType {
    @GET
    @Path("/things")
    String find(@QueryParam("filter") Map<String, String> filter);
}
