package dev.connectplane.foundation.auth;

import dev.connectplane.contracts.envelope.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;

/**
 * Who a verified token names: the user from the name claim (by default the first of {@code upn},
 * {@code preferred_username} and {@code sub}, as MicroProfile JWT reads it) and the groups from
 * the groups claim, a claim name or a dotted path into nested claims ({@code realm_access.roles}),
 * holding an array of strings or one string.
 *
 * @param groupsClaim the claim (or dotted path) that holds the groups
 * @param groupNames  how each value becomes a group name
 * @param nameClaim   the claim that names the user, when not the default chain
 */
public record CallerClaims(String groupsClaim, GroupNames groupNames, Optional<String> nameClaim) {

    private static final List<String> DEFAULT_NAME_CLAIMS = List.of("upn", "preferred_username", "sub");

    /** The settings of a MicroProfile JWT issuer: a flat {@code groups} claim of names. */
    public static CallerClaims standard() {
        return new CallerClaims("groups", GroupNames.AS_IS, Optional.empty());
    }

    /** The caller {@code claims} name; empty when the token names nobody. */
    public Optional<Actor> actorOf(JwtClaims claims) {
        Optional<String> name = nameClaim.map(List::of).orElse(DEFAULT_NAME_CLAIMS).stream()
                .map(claim -> claims.getClaimValue(claim))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(value -> !value.isBlank())
                .findFirst();
        return name.map(user -> Actor.user(user, groupsOf(claims)));
    }

    private List<String> groupsOf(JwtClaims claims) {
        Object value = at(claims.getClaimsMap(), groupsClaim);
        List<String> groups = new ArrayList<>();
        if (value instanceof String single && !single.isBlank()) {
            groups.add(groupNames.nameOf(single.strip()));
        } else if (value instanceof Collection<?> many) {
            for (Object group : many) {
                if (group instanceof String text && !text.isBlank()) {
                    groups.add(groupNames.nameOf(text.strip()));
                }
            }
        }
        return groups.stream().filter(group -> !group.isEmpty()).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** The claim at {@code path}: the whole name first (claims may contain dots), then nested objects. */
    private static Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }
}
