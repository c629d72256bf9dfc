package io.trailstream.object;

/**
 * Which code computes the SHA-256 of every log file's uncompressed bytes (the ledger's {@code sha256}, checked
 * against the digests): the job hashes every byte it parses, so on a JVM without its optimising compiler the JDK's
 * own SHA-256 (about 170 MB/s there, against 1.9 GB/s compiled to the CPU's SHA instructions) becomes the largest
 * cost of a run. The hash is the same whichever computes it.
 */
public enum Sha256Implementation {
    /**
     * {@link #NSS} where the JDK's SHA-256 runs slowly (the JVM compiles with C1 only, as {@code trailstream local}
     * does, or the CPU has no SHA instructions) and NSS loads; {@link #JDK} otherwise.
     */
    AUTO,
    /** The JDK's {@code SUN} provider. */
    JDK,
    /**
     * Mozilla NSS ({@code libnss3}, which Debian's and Red Hat's JDK packages depend on) through the JDK's
     * {@code SunPKCS11} provider: native code, about 1.3 GB/s whatever the JIT. Where NSS does not load, the JDK's,
     * with a warning.
     */
    NSS
}
