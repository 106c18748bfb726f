package dev.connectplane.foundation.faults;

/**
 * Something a request or command needs is not there yet, but may be soon: a projection that has
 * not caught up with events still on their way. Transient: REST answers 503 with
 * {@code Retry-After}; a command over Kafka is tried again.
 */
public class NotYetAvailable extends RuntimeException {

    public NotYetAvailable(String message) {
        super(message, null, false, false);
    }
}
