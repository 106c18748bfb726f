package dev.connectplane.access.service;

import dev.connectplane.contracts.access.GrantScope;

/**
 * What a group grant is about, as {@code group grant|revoke} takes it: {@code --server S},
 * {@code --all-servers}, or neither (the Secrets Automation managers).
 *
 * @param scope           the scope
 * @param serverReference the server's ID or name for {@link GrantScope#SERVER}, else {@code null}
 */
public record GroupGrantTarget(GrantScope scope, String serverReference) {

    public static GroupGrantTarget server(String reference) {
        return new GroupGrantTarget(GrantScope.SERVER, reference);
    }

    public static GroupGrantTarget allServers() {
        return new GroupGrantTarget(GrantScope.ALL_SERVERS, null);
    }

    public static GroupGrantTarget managers() {
        return new GroupGrantTarget(GrantScope.MANAGERS, null);
    }
}
