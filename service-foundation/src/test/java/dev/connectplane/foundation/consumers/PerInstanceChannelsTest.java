package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The assignment a per-instance listener gets: every partition of its topic, each from its end. */
class PerInstanceChannelsTest {

    @Test
    void eachNamedChannelIsAssignedEveryPartitionFromItsEnd() {
        assertThat(PerInstanceChannels.properties("token-cache, other", 4))
                .containsEntry("mp.messaging.incoming.token-cache.assign-seek", "0:-1,1:-1,2:-1,3:-1")
                .containsEntry("mp.messaging.incoming.other.assign-seek", "0:-1,1:-1,2:-1,3:-1")
                .hasSize(2);
    }

    @Test
    void noChannelsNoSettings() {
        assertThat(PerInstanceChannels.properties("", 3)).isEmpty();
    }

    @Test
    void aTopicHasAtLeastOnePartition() {
        assertThatThrownBy(() -> PerInstanceChannels.properties("token-cache", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect.kafka.partitions");
    }
}
