package dev.connectplane.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs another main class and exits when the parent process
 * is gone, so that a killed test JVM or launcher never leaves a broker or database behind.
 *
 * <p>Usage: {@code WatchedMain <parent-pid> <main-class> [args...]}; a parent PID of 0 means
 * "not watched" (the local stack, whose processes outlive the command that started them).
 */
public final class WatchedMain {

    private WatchedMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WatchedMain <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresentOrElse(parent -> {
                Thread watcher = new Thread(() -> {
                    parent.onExit().join();
                    System.err.println("parent process " + parentPid + " ended; stopping");
                    System.exit(0);
                }, "parent-watcher");
                watcher.setDaemon(true);
                watcher.start();
            }, () -> System.exit(0));
        }
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
