package dev.connectplane.token.keys;

import java.time.OffsetDateTime;

/**
 * A signing key as the API lists it: never any key material.
 *
 * @param state {@code active} signs new tokens, {@code previous} still verifies, {@code retired} neither
 */
public record SigningKeyInfo(String kid, String state, OffsetDateTime createdAt, OffsetDateTime retiredAt) {
}
