package dev.connectplane.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm the local Keycloak imports ({@code local-infra/keycloak/connect-realm.json}): the
 * {@value #REALM} realm with the groups Owners, DevOps, Platform and Contractors; the users
 * admin (Owners), devon (DevOps), dana (Platform) and olly (Contractors); the public client
 * {@value #CLI_CLIENT} (device authorization grant, and the password grant for tests) and the
 * confidential client {@value #AUTOMATION_CLIENT} (client credentials; its service account is in
 * Owners). Both clients put this API's audience ({@code connect-control-plane}) and a flat
 * {@code groups} claim (group names, not paths) in their access tokens. The file names the
 * passwords and the secret as placeholders; {@link #json} puts in the generated ones.
 */
public final class KeycloakRealm {

    public static final String REALM = "connect";
    public static final String CLI_CLIENT = "connectctl";
    public static final String AUTOMATION_CLIENT = "connect-automation";
    public static final List<String> USERS = List.of("admin", "devon", "dana", "olly");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(password|secret):([a-z-]+)}");

    private KeycloakRealm() {
    }

    /** The realm's JSON with the credentials' passwords and secret in place of its placeholders. */
    static String json(KeycloakCredentials credentials) {
        String template;
        try (InputStream in = KeycloakRealm.class.getClassLoader()
                .getResourceAsStream("local-infra/keycloak/connect-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("local-infra/keycloak/connect-realm.json is missing from the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder realm = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1).equals("password") ? credentials.password(matcher.group(2))
                    : credentials.clientSecret();
            matcher.appendReplacement(realm, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(realm);
        return realm.toString();
    }
}
