package dev.connectplane.system;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectctlStory} against the four services as processes on the tests' Kafka and PostgreSQL. */
class ConnectctlStoryIT {

    private static SystemStack stack;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
    }

    /** Under the ACLs of a secured stack where the tests' broker has one ({@link SharedInfraTarget}). */
    @Test
    void theWholeStoryThroughConnectctl() throws Exception {
        new ConnectctlStory(new SharedInfraTarget() {
            @Override
            public String url(String service) {
                return stack.url(service);
            }
        }, work).run();
    }
}
