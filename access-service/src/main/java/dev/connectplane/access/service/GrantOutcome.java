package dev.connectplane.access.service;

/**
 * The result of a grant: the grant, and whether this request created it (false when it
 * already existed, in which case nothing changed and no event was published).
 */
public record GrantOutcome<T>(T grant, boolean created) {
}
