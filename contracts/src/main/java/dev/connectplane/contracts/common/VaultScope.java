package dev.connectplane.contracts.common;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;
import java.util.List;

/** One vault of a token's scope with the permissions the token has in it (its ACL, kept sorted and distinct). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VaultScope(String vaultId, String vaultName, List<Permission> acl) {

    public VaultScope {
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(vaultName, "vaultName");
        if (acl == null || acl.isEmpty()) {
            throw new IllegalArgumentException("acl must name at least one permission");
        }
        acl = acl.stream().distinct().sorted().toList();
    }
}
