package dev.connectplane.foundation.problem;

import java.util.Map;

/**
 * A request that breaks a rule, answered with problem details. The slug becomes the problem
 * type ({@code https://connect-plane.dev/problems/<slug>}); the detail is shown to the user as is,
 * so it must say what was wrong and never carry a secret. What a request echoes back (a name it
 * gave, a reference) is capped by {@link EchoLimits} before it reaches a reply, so that no input
 * can make an answer or a command reply larger than the broker takes.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;
    private String challenge;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(EchoLimits.text(detail, EchoLimits.MAX_DETAIL_CHARS), null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = EchoLimits.extensions(extensions);
    }

    public int status() {
        return status;
    }

    /** The last part of the problem type, e.g. {@code server-not-found}. */
    public String slug() {
        return slug;
    }

    /** The {@code WWW-Authenticate} challenge of a 401, or null. */
    public String challenge() {
        return challenge;
    }

    /**
     * 401: the request carries no valid credentials of the kind the challenge names
     * (answered with that {@code WWW-Authenticate} header).
     */
    public static ProblemException unauthorized(String challenge, String detail) {
        ProblemException e = new ProblemException(401, "unauthorized", "Unauthorized", detail);
        e.challenge = challenge;
        return e;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, extensions);
    }

    /** 400: the request is malformed or a field breaks its format. */
    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail);
    }

    /** Refuses a request whose JSON body is missing (400 {@code missing-body}). */
    public static void requireBody(Object body) {
        if (body == null) {
            throw badRequest("missing-body", "this request needs a JSON body");
        }
    }

    /** 404: the named object does not exist, or the caller may not see it. */
    public static ProblemException notFound(String kind, String reference) {
        return new ProblemException(404, kind + "-not-found", capitalize(kind) + " not found",
                "no " + kind + " is named or has the ID '" + reference + "'", Map.of(kind, reference));
    }

    /** 403: the caller may see the object but may not take this action. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    /** 409: a name matches several objects; the extension member {@code matches} lists their IDs. */
    public static ProblemException ambiguous(String kind, String name, Iterable<String> ids) {
        return new ProblemException(409, "ambiguous-" + kind + "-name", "Ambiguous " + kind + " name",
                "the name '" + name + "' matches several " + kind + "s (" + String.join(", ", ids)
                        + "); use an ID", Map.of("matches", ids));
    }

    /** 409: the request conflicts with the current state (a duplicate name, for example). */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }

    /** 422: the request is well-formed but a business rule forbids it. */
    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
