package dev.connectplane.server.rest;

import java.util.List;

/**
 * Body of {@code POST /v1/servers}.
 *
 * @param name   the new server's name
 * @param vaults vaults to grant it, each by ID or name (optional)
 */
public record CreateServerRequest(String name, List<String> vaults) {
}
