package dev.connectplane.foundation.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST resource class that {@link BearerAuthenticationFilter} lets through without a
 * bearer token: it is public (the JWKS) or authenticates its callers itself (introspection).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicEndpoint {
}
