package dev.connectplane.foundation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void notFoundNamesWhatWasMissing() {
        Problem problem = ProblemException.notFound("server", "Prod").toProblem("/v1/servers/Prod");

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.type()).isEqualTo("https://connect-plane.dev/problems/server-not-found");
        assertThat(problem.detail()).contains("'Prod'");
        assertThat(problem.instance()).isEqualTo("/v1/servers/Prod");
        assertThat(problem.extensionMembers()).containsEntry("server", "Prod");
    }

    @Test
    void ambiguityListsEveryMatchingId() {
        Problem problem = ProblemException.ambiguous("vault", "Shared", List.of("a1", "b2")).toProblem(null);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.detail()).contains("a1").contains("b2");
        assertThat(problem.extensionMembers()).containsEntry("matches", List.of("a1", "b2"));
    }
}
