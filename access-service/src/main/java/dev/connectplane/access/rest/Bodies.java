package dev.connectplane.access.rest;

import dev.connectplane.foundation.problem.ProblemException;

/** Checks shared by the resources. */
final class Bodies {

    private Bodies() {
    }

    static void require(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-body", "this request needs a JSON body");
        }
    }
}
