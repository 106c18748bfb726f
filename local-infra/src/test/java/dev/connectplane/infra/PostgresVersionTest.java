package dev.connectplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresVersionTest {

    @TempDir
    Path dir;

    @Test
    void theBuildRunsTheMajorVersionComposeDeploys() {
        assertThat(PostgresVersion.binaries()).startsWith("16.");
        assertThat(PostgresVersion.major()).isEqualTo(16);
    }

    @Test
    void aNewOrEmptyDataDirectoryPasses() {
        PostgresVersion.requireCompatible(dir.resolve("absent"), 16);
        PostgresVersion.requireCompatible(dir, 16);
    }

    @Test
    void aClusterOfTheSameMajorVersionPasses() throws Exception {
        Files.writeString(dir.resolve("PG_VERSION"), "16\n");
        PostgresVersion.requireCompatible(dir, 16);
    }

    @Test
    void aClusterOfAnotherMajorVersionIsRefusedWithTheWayOut() throws Exception {
        Path data = Files.createDirectories(dir.resolve("postgres").resolve("data"));
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        assertThatThrownBy(() -> PostgresVersion.requireCompatible(data, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("created by PostgreSQL 14")
                .hasMessageContaining("runs PostgreSQL 16")
                .hasMessageContaining("pg_dump")
                .hasMessageContaining(dir.resolve("postgres").toString());
    }
}
