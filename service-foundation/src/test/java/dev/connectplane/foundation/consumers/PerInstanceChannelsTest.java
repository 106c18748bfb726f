package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assignment a per-instance listener gets: every partition of its topic, each from its end. */
class PerInstanceChannelsTest {

    @Test
    void eachNamedChannelIsAssignedEveryPartitionFromItsEnd() {
        assertThat(PerInstanceChannels.properties("token-cache, other", 4))
                .containsEntry("mp.messaging.incoming.token-cache.assign-seek", "0:-1,1:-1,2:-1,3:-1")
                .containsEntry("mp.messaging.incoming.other.assign-seek", "0:-1,1:-1,2:-1,3:-1")
                .containsEntry("mp.messaging.incoming.outbox-watermarks.assign-seek", "0:-1,1:-1,2:-1,3:-1")
                .hasSize(3);
    }

    @Test
    void withNoChannelNamedTheWatermarksAreStillReadPerInstance() {
        assertThat(PerInstanceChannels.properties("", 3))
                .containsExactlyEntriesOf(Map.of("mp.messaging.incoming.outbox-watermarks.assign-seek", "0:-1,1:-1,2:-1"));
    }

    @Test
    void aTopicHasAtLeastOnePartition() {
        assertThatThrownBy(() -> PerInstanceChannels.properties("token-cache", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect.kafka.partitions");
    }
}
