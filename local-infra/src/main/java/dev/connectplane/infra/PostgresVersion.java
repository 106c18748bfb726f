package dev.connectplane.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The PostgreSQL version local-infra runs (the zonky binaries the build resolved, written to
 * {@code local-infra/postgres.properties}), and the check that a data directory left by an
 * earlier version is refused with a way out instead of an opaque start failure.
 */
public final class PostgresVersion {

    private static final String RESOURCE = "local-infra/postgres.properties";

    private PostgresVersion() {
    }

    /** The binaries' version, e.g. {@code 16.10.0}. */
    public static String binaries() {
        try (InputStream in = PostgresVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build local-infra with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("binaries.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The major version, e.g. {@code 16}. */
    public static int major() {
        return majorOf(binaries());
    }

    static int majorOf(String version) {
        return Integer.parseInt(version.strip().split("\\.")[0]);
    }

    /**
     * Fails, naming what to do, when {@code dataDir} holds a cluster of another major version
     * (its {@code PG_VERSION} file); an empty or new directory passes.
     */
    public static void requireCompatible(Path dataDir, int major) {
        Path versionFile = dataDir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String found;
        try {
            found = Files.readString(versionFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + versionFile, e);
        }
        if (majorOf(found) != major) {
            throw new IllegalStateException("the data directory " + dataDir + " was created by PostgreSQL " + found
                    + ", and this build runs PostgreSQL " + major + ", which cannot open it. Keep the data with "
                    + "pg_dump from the old version and a restore into the new one, or start from empty data: "
                    + "stop what runs on it (./connect-plane down) and delete " + dataDir.getParent() + ".");
        }
    }
}
