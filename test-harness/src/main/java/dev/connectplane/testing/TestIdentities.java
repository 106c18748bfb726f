package dev.connectplane.testing;

import dev.connectplane.infra.DevIssuer;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Bearer tokens for tests, minted by a development issuer whose key pair lives under the test
 * infrastructure's directory, and the services' configuration that trusts it.
 *
 * <p>{@link #installDefaultManager()} makes every RestAssured request of the test JVM carry a
 * manager's token unless the request sets its own {@code Authorization} header; a request that
 * sets it to {@link #ANONYMOUS} is sent with no {@code Authorization} header at all.
 */
public final class TestIdentities {

    /** The bootstrap managers group the services are configured with in tests. */
    public static final String MANAGERS_GROUP = "Owners";
    /** The user name of the default test caller. */
    public static final String MANAGER_USER = "test-admin";
    /** Set as the {@code Authorization} header to send a request without credentials. */
    public static final String ANONYMOUS = "anonymous";

    private static DevIssuer issuer;
    private static boolean installed;

    private TestIdentities() {
    }

    public static synchronized DevIssuer issuer() {
        if (issuer == null) {
            issuer = DevIssuer.loadOrCreate(Path.of("target", "test-issuer").toAbsolutePath());
        }
        return issuer;
    }

    /** A token for {@code user} in {@code groups}. */
    public static String token(String user, String... groups) {
        return issuer().mint(user, List.of(groups), Duration.ofHours(2));
    }

    /** The default caller's token: a member of the bootstrap managers group. */
    public static String manager() {
        return token(MANAGER_USER, MANAGERS_GROUP);
    }

    /** {@code Bearer <token>} for {@code user} in {@code groups}. */
    public static String bearer(String user, String... groups) {
        return "Bearer " + token(user, groups);
    }

    /** The public key file the services verify test tokens with. */
    public static String publicKeyLocation() {
        return issuer().publicKeyFile().toString();
    }

    /** Makes the manager the default caller of every RestAssured request in this JVM. */
    public static synchronized void installDefaultManager() {
        if (!installed) {
            RestAssured.filters(new DefaultCaller("Bearer " + manager()));
            installed = true;
        }
    }

    /** Adds the default caller's header to requests that name no caller of their own. */
    private record DefaultCaller(String authorization) implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            String given = request.getHeaders().getValue("Authorization");
            if (given == null) {
                request.header("Authorization", authorization);
            } else if (ANONYMOUS.equals(given)) {
                request.removeHeader("Authorization");
            }
            return context.next(request, response);
        }
    }
}
