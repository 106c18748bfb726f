package dev.connectplane.token.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to a token create: the token's view and, this once, the token itself.
 */
public record CreatedTokenView(@JsonUnwrapped TokenView view, String token) {

    @Override
    public String toString() {
        return "CreatedTokenView[" + view.id() + ", token=***]";
    }
}
