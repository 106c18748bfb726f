package dev.connectplane.token.rest;

import java.util.List;

/**
 * Body of {@code POST /v1/tokens}.
 *
 * @param server    the server's ID or name
 * @param vaults    vault IDs or names, each optionally with {@code ,r}, {@code ,w} or {@code ,rw}
 * @param expiresIn optional lifetime such as {@code 30d}, {@code 90m} or {@code 1w2d}
 */
public record CreateTokenRequest(String name, String server, List<String> vaults, String expiresIn) {
}
