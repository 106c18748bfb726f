package dev.connectplane.foundation.pg;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a worker thread that otherwise sleeps until a timeout: NOTIFY handlers and shutdown
 * call {@link #signal()}. A signal that arrives while the worker is busy is kept, so its next
 * {@link #await} returns at once.
 */
public final class Wakeup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean pending;

    public void signal() {
        lock.lock();
        try {
            pending = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until signalled (or returns at once if a signal is pending) or the timeout passes.
     *
     * @return false when the thread was interrupted (its interrupt flag is set again)
     */
    public boolean await(Duration timeout) {
        lock.lock();
        try {
            if (!pending) {
                signalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            pending = false;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
