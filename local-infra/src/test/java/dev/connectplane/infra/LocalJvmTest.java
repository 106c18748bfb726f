package dev.connectplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run command starts the services as the benchmarks and system tests do. */
class LocalJvmTest {

    @Test
    void connectPlaneStartsTheServicesWithTheSameJvmOptions() throws Exception {
        String script = Files.readString(Path.of("..", "connect-plane"));

        assertThat(script).contains("service_jvm_options=\"" + String.join(" ", LocalJvm.SERVICE) + "\"");
        assertThat(script).contains("nohup java $service_jvm_options ${CONNECT_SERVICE_JAVA_OPTS:-} -jar");
        assertThat(script).contains("MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"");
    }

    @Test
    void anArenaLimitAlreadySetIsKept() {
        Map<String, String> environment = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4"));
        LocalJvm.defaults(environment);
        assertThat(environment).containsEntry("MALLOC_ARENA_MAX", "4");

        Map<String, String> unset = new HashMap<>();
        LocalJvm.defaults(unset);
        assertThat(unset).containsEntry("MALLOC_ARENA_MAX", "2");
    }
}
