package dev.connectplane.foundation.operations;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter is replayed onto the topic it came from, which other services read too. The
 * replay names the one service it is for in the {@value #FOR_HEADER} header; every other
 * service's consumers skip it, so a replay never makes another service apply or dead-letter a
 * record a second time.
 */
public final class Replays {

    /** The header that names the service a replayed record is for. */
    public static final String FOR_HEADER = "replay-for";

    private Replays() {
    }

    /** Whether the record is a replay meant for a service other than {@code serviceName}. */
    public static boolean isForAnotherService(ConsumerRecord<?, ?> record, String serviceName) {
        Header header = record.headers().lastHeader(FOR_HEADER);
        return header != null && header.value() != null
                && !serviceName.equals(new String(header.value(), StandardCharsets.UTF_8));
    }
}
