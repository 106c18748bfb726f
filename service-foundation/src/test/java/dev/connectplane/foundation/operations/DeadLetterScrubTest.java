package dev.connectplane.foundation.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterScrubTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrYWkifQ.c2lnbmF0dXJl";

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("authorization", "Bearer " + JWT, true),
                Arguments.of("Authorization", "anything at all", true),
                Arguments.of("AUTHORIZATION", "", true),
                Arguments.of("proxy-authorization", "Basic dXNlcjpwYXNz", true),
                Arguments.of("cookie", "session=abc", true),
                Arguments.of("x-api-key", "k", true),
                Arguments.of("x-forwarded-token", JWT, true),
                Arguments.of("auth", "bearer abc.def", true),
                Arguments.of("credentials", "Basic dXNlcjpwYXNz", true),
                Arguments.of("ce_type", "connect.server.created.v1", false),
                Arguments.of("replayed-from", "connect.servers.commands/1@7", false),
                Arguments.of("trace", "eyJ-but-not-a-token", false));
    }

    @ParameterizedTest(name = "{0}: {1} -> removed {2}")
    @MethodSource("headers")
    void removesEveryHeaderThatNamesOrHoldsACredential(String name, String value, boolean removed) {
        Headers headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        headers.add("kept", "v".getBytes(StandardCharsets.UTF_8));

        DeadLetterScrub.removeCredentials(headers);

        assertThat(headers.lastHeader(name) == null).isEqualTo(removed);
        assertThat(headers.lastHeader("kept")).isNotNull();
    }

    @Test
    void removesEveryCopyOfARepeatedHeader() {
        Headers headers = new RecordHeaders();
        headers.add("authorization", "Bearer a".getBytes(StandardCharsets.UTF_8));
        headers.add("authorization", "Bearer b".getBytes(StandardCharsets.UTF_8));
        headers.add("x", null);

        DeadLetterScrub.removeCredentials(headers);

        assertThat(headers.headers("authorization")).isEmpty();
        assertThat(headers.lastHeader("x")).isNotNull();
    }

    @Test
    void aFailureQuotingAJwtIsRedactedAndNamesItsClass() {
        Throwable failure = new IllegalArgumentException("Unrecognized token '" + JWT + "': was expecting JSON");

        Throwable redacted = DeadLetterScrub.redacted(failure);

        assertThat(redacted.getMessage()).doesNotContain(JWT).contains("[redacted]")
                .startsWith(IllegalArgumentException.class.getName());
    }

    @Test
    void aFailureWithoutACredentialIsKeptAsItIs() {
        Throwable failure = new IllegalStateException("not a command");
        assertThat(DeadLetterScrub.redacted(failure)).isSameAs(failure);
        Throwable noMessage = new NullPointerException();
        assertThat(DeadLetterScrub.redacted(noMessage)).isSameAs(noMessage);
    }
}
