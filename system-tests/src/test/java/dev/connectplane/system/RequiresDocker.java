package dev.connectplane.system;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a test only where Testcontainers finds a Docker engine; elsewhere it is reported skipped, saying why. */
class RequiresDocker implements ExecutionCondition {

    static final String REASON = "no Docker engine answers here: the compose smoke test runs only where one does";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return DockerClientFactory.instance().isDockerAvailable()
                ? ConditionEvaluationResult.enabled("a Docker engine answers")
                : ConditionEvaluationResult.disabled(REASON);
    }
}
