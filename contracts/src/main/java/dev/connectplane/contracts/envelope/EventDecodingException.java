package dev.connectplane.contracts.envelope;

/** A message that is not a readable event: bad JSON, a missing attribute, an unknown type or invalid data. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
