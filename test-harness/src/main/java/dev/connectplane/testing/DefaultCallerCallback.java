package dev.connectplane.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Makes the manager the default caller of RestAssured before each {@code @QuarkusTest} method.
 * Registered as a service so that it runs in the class loader of the test itself, whose
 * RestAssured is the one the test calls (a test resource's {@code start} may run in another).
 */
public class DefaultCallerCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        TestIdentities.installDefaultManager();
    }
}
