package dev.connectplane.infra;

import java.util.List;
import java.util.Map;

/**
 * How the local stack sizes its JVMs, so that PostgreSQL, Kafka and the four services fit in
 * 2 GiB after thousands of operations ({@code bench/memory.sh}), where the JVM's defaults for a
 * 24 GiB machine (G1, heaps of 256 MiB from the start growing to 512 MiB, a glibc malloc arena
 * per busy thread) took 2.5 GiB. Production sizes its own containers; each setting here is only
 * a default: {@code CONNECT_SERVICE_JAVA_OPTS} (and a {@code MALLOC_ARENA_MAX} already in the
 * environment) come later and win.
 * <ul>
 *   <li>Serial GC: no concurrent collector threads nor G1's remembered sets, for a heap of a
 *       few hundred MiB; the heap starts small, grows on demand and is
 *       given back after a full collection once more of it is free than the ratios allow.</li>
 *   <li>{@code MALLOC_ARENA_MAX=2}: glibc otherwise keeps up to eight arenas per core of
 *       native memory, each kept once a thread touched it (Netty, Kafka and JIT threads do).</li>
 * </ul>
 * {@code connect-plane} starts the services with the same options; {@code LocalJvmTest} checks it.
 */
public final class LocalJvm {

    /**
     * A service: 10,000-token cascades run within the 256 MiB cap ({@code bench/revocation.sh}).
     * The heap keeps the JVM's own free ratios (40% to 70% free after a full collection): with
     * 10% to 30%, as the Kafka broker has, the heap stayed at its live size plus a few MiB, and an
     * allocating service collected in full again and again (nine audit exports in pages of 500:
     * 75 full collections against 1, each export about twice as slow, for 3% less memory).
     */
    public static final List<String> SERVICE = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC");
    /** The Kafka broker, compiled by C1 only as before (less code cache and compiler memory). */
    public static final List<String> KAFKA = List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1");
    /**
     * The JVM that unpacks and watches PostgreSQL: it copies its log, and on a machine's first
     * start unpacks the binaries, whose xz stream alone takes a 64 MiB dictionary (96 MiB ran out).
     * The heap starts small (without {@code -Xms} it started at the cap: 137 MiB of PSS, against
     * 98 MiB under the old 96 MiB cap), and what the unpacking needed is given back by the full
     * collection {@link PostgresMain} runs once PostgreSQL is up: in one step
     * ({@code -XX:-ShrinkHeapInSteps}; the serial collector otherwise gives back nothing at its
     * first full collection and a tenth at its second). The JDK keeps a thread's largest
     * temporary direct buffer for its next channel write; the unpacking's were 28 MiB, so only
     * buffers up to 256 KiB are kept. A first start then ends at 118 MiB of PSS, not 160 MiB.
     */
    public static final List<String> POSTGRES_LAUNCHER = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps",
            "-Djdk.nio.maxCachedBufferSize=262144", "-XX:TieredStopAtLevel=1");
    /** The environment every JVM of the stack gets unless it is already set. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private LocalJvm() {
    }

    /** Adds {@link #ENVIRONMENT} to a child's environment where the variable is not set yet. */
    public static void defaults(Map<String, String> environment) {
        ENVIRONMENT.forEach(environment::putIfAbsent);
    }
}
