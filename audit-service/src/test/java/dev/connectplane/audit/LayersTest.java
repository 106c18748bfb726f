package dev.connectplane.audit;

import dev.connectplane.testing.Layers;
import org.junit.jupiter.api.Test;

/** audit-service keeps the layers every service keeps: SQL in repositories, resources through services. */
class LayersTest {

    @Test
    void layersHold() {
        Layers.check("dev.connectplane.audit");
    }
}
