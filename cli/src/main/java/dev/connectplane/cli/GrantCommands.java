package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connectctl vault grant|revoke} and {@code connectctl group grant|revoke}. */
final class GrantCommands {

    private GrantCommands() {
    }

    /** A server's access to vaults. */
    @Command(name = "vault", description = "Grant or revoke a server's access to a vault.", mixinStandardHelpOptions = true)
    static class VaultCommand {

        @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant a server access to a vault.")
        int grant(@Mixin OutputOptions options,
                  @Option(names = "--server", required = true, description = "The server (ID or name).") String server,
                  @Option(names = "--vault", required = true, description = "The vault (ID or name).") String vault) {
            JsonNode granted = new Api(options).post("access", "/v1/servers/" + Api.segment(server) + "/vaults",
                    Map.of("vault", vault));
            new Output(options, System.out).done("granted " + granted.path("server_name").asText(server) + " access to "
                    + granted.path("vault_name").asText(vault), granted);
            return 0;
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revoke a server's access to a vault; the vault is trimmed from its tokens for good.")
        int revoke(@Mixin OutputOptions options,
                   @Option(names = "--server", required = true, description = "The server (ID or name).") String server,
                   @Option(names = "--vault", required = true, description = "The vault (ID or name).") String vault) {
            new Api(options).delete("access", "/v1/servers/" + Api.segment(server) + "/vaults/" + Api.segment(vault));
            new Output(options, System.out).done("revoked " + server + "'s access to " + vault,
                    Api.JSON.createObjectNode().put("server", server).put("vault", vault).put("revoked", true));
            return 0;
        }
    }

    /** Which servers a group may manage. */
    @Command(name = "group", description = "Grant or revoke a group's right to manage servers.",
            mixinStandardHelpOptions = true)
    static class GroupCommand {

        /** {@code --server S} or {@code --all-servers}; neither means the Secrets Automation managers. */
        static class Target {
            @Option(names = "--server", description = "The server (ID or name).")
            String server;

            @Option(names = "--all-servers", description = "All current and future servers.")
            boolean allServers;
        }

        @Command(name = "grant", mixinStandardHelpOptions = true, description = "Let a group manage a server or all "
                + "servers; with neither flag the group joins the Secrets Automation managers.")
        int grant(@Mixin OutputOptions options,
                  @Option(names = "--group", required = true, description = "The group (ID or name).") String group,
                  @ArgGroup(exclusive = true) Target target) {
            JsonNode granted = new Api(options).put("access", path(group, target));
            new Output(options, System.out).done("granted " + group + " " + describe(target), granted);
            return 0;
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a group's grant of that scope.")
        int revoke(@Mixin OutputOptions options,
                   @Option(names = "--group", required = true, description = "The group (ID or name).") String group,
                   @ArgGroup(exclusive = true) Target target) {
            new Api(options).delete("access", path(group, target));
            new Output(options, System.out).done("revoked " + group + " " + describe(target),
                    Api.JSON.createObjectNode().put("group", group).put("revoked", true));
            return 0;
        }

        private static String path(String group, Target target) {
            String base = "/v1/groups/" + Api.segment(group) + "/grants/";
            if (target != null && target.server != null) {
                return base + "servers/" + Api.segment(target.server);
            }
            return base + (target != null && target.allServers ? "all-servers" : "managers");
        }

        private static String describe(Target target) {
            if (target != null && target.server != null) {
                return "management of server " + target.server;
            }
            return target != null && target.allServers ? "management of all servers" : "Secrets Automation manager rights";
        }
    }
}
