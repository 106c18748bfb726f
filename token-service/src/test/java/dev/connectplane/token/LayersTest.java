package dev.connectplane.token;

import dev.connectplane.testing.Layers;
import org.junit.jupiter.api.Test;

/** The layers of token-service hold (rest → service → repository; SQL only in repositories): see {@link Layers}. */
class LayersTest {

    @Test
    void resourcesUseServicesAndSqlLivesInRepositories() {
        Layers.check("dev.connectplane.token");
    }
}
