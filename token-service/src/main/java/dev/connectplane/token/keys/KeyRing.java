package dev.connectplane.token.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * The signing keys in force, as one immutable snapshot: the key that signs new tokens and every
 * key that still verifies (the active one and the previous ones, never retired ones).
 *
 * @param activeKid      the key ID new tokens carry
 * @param activePrivate  the active private key
 * @param verifying      public keys by key ID
 * @param publicJwks     the public JWKs (JSON objects) published at {@code /.well-known/jwks.json}
 */
public record KeyRing(String activeKid, PrivateKey activePrivate, Map<String, PublicKey> verifying,
                      List<String> publicJwks) {

    public KeyRing {
        verifying = Map.copyOf(verifying);
        publicJwks = List.copyOf(publicJwks);
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + activeKid + ", verifying=" + verifying.keySet() + "]";
    }
}
