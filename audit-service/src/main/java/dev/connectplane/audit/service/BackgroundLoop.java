package dev.connectplane.audit.service;

import dev.connectplane.foundation.pg.Wakeup;
import java.time.Duration;

/**
 * A daemon thread that runs one step again and again until the application stops; a step waits
 * with {@link #pause}, which {@link #signal} cuts short. The chainer and the SIEM delivery each run
 * on one.
 */
final class BackgroundLoop {

    private static final long STOP_WAIT_MILLIS = 5_000;

    private final Wakeup wakeup = new Wakeup();
    private volatile boolean running;
    private Thread thread;

    /** Starts {@code step} on a thread named {@code name}; a step that throws is the step's own business. */
    synchronized void start(String name, Runnable step) {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                step.run();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop after the current step, waiting for it a few seconds. */
    void stop() throws InterruptedException {
        running = false;
        wakeup.signal();
        Thread started = thread;
        if (started != null) {
            started.join(STOP_WAIT_MILLIS);
        }
    }

    boolean running() {
        return running;
    }

    /** Ends a {@link #pause} now. */
    void signal() {
        wakeup.signal();
    }

    /** Waits for {@code duration} or a {@link #signal}; an interrupt stops the loop. */
    void pause(Duration duration) {
        if (!wakeup.await(duration)) {
            running = false;
        }
    }
}
