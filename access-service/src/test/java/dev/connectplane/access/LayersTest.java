package dev.connectplane.access;

import dev.connectplane.testing.Layers;
import org.junit.jupiter.api.Test;

/** The layers of access-service hold (rest → service → repository; SQL only in repositories): see {@link Layers}. */
class LayersTest {

    @Test
    void resourcesUseServicesAndSqlLivesInRepositories() {
        Layers.check("dev.connectplane.access");
    }
}
