package dev.connectplane.foundation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdIsAVersion7Uuid() {
        UUID id = UUID.fromString(EventIds.next());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void idsAreUniqueAndTheirTimePrefixNeverGoesBack() {
        Set<String> seen = new HashSet<>();
        String previous = EventIds.next();
        for (int i = 0; i < 20_000; i++) {
            String next = EventIds.next();
            assertThat(seen.add(next)).isTrue();
            // the first 48 bits (12 hex digits without the dash) are the Unix time in milliseconds
            assertThat(next.substring(0, 13).compareTo(previous.substring(0, 13))).isGreaterThanOrEqualTo(0);
            previous = next;
        }
    }
}
