package dev.connectplane.infra;

/** How a started broker lets clients in. */
public enum KafkaSecurity {
    /** Plaintext, anyone may do anything: the benchmarks and the module tests' broker of old. */
    OPEN,
    /** SASL/SCRAM principals and the ACLs of {@link KafkaAclPlan}, nothing else: the local stack. */
    SECURED,
    /**
     * {@link #SECURED}, plus a plaintext listener where anonymous clients may do everything: for
     * tests, whose probes read every topic and publish as any service would, beside services that
     * sign in with their own principals on the secured listener.
     */
    SECURED_WITH_OPEN_LISTENER
}
