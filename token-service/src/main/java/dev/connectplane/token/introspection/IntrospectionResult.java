package dev.connectplane.token.introspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.connectplane.contracts.common.Permission;
import java.util.List;

/**
 * An introspection answer in the style of RFC 7662. An inactive token gets {@code {"active":
 * false}} and nothing else, whatever the reason, so the answer tells a caller nothing about
 * tokens it may not use. {@code allowed} is present only when one vault and permission were
 * asked about.
 *
 * @param exp the expiry in seconds since the epoch, absent for a token that does not expire
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResult(boolean active, String tokenId, String serverId, List<VaultGrant> vaults, Long exp,
                                  Boolean allowed) {

    public static final IntrospectionResult INACTIVE = new IntrospectionResult(false, null, null, null, null, null);

    /** A vault of an active token with what the token may do in it. */
    public record VaultGrant(String id, List<Permission> acl) {
    }
}
