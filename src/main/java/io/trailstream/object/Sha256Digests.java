package io.trailstream.object;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the SHA-256 digests of log files' contents with the implementation {@code records.sha256-implementation}
 * chose ({@link Sha256Implementation}). NSS is loaded once per JVM, on first use, through the JDK's own PKCS#11
 * provider with an inline configuration (no NSS database): nothing to install beyond {@code libnss3}.
 */
public final class Sha256Digests {
    private static final Logger LOG = LoggerFactory.getLogger(Sha256Digests.class);
    private static final String ALGORITHM = "SHA-256";
    private static final Sha256Digests JDK = new Sha256Digests(null, "the JDK's SUN provider");

    private final Provider provider;
    private final String description;

    private Sha256Digests(Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The JDK's SHA-256. */
    public static Sha256Digests jdk() {
        return JDK;
    }

    /** Resolves {@code implementation} on this JVM and says which one computes, and why, once at INFO. */
    public static Sha256Digests of(Sha256Implementation implementation) {
        boolean jdkFast = JitFacts.jdkSha256IsCompiled();
        Sha256Implementation chosen = choose(implementation, jdkFast);
        if (chosen == Sha256Implementation.JDK) {
            LOG.info(
                    "SHA-256 of log files: {} ({}; records.sha256-implementation {})",
                    JDK.description,
                    jdkFast ? "compiled to SHA instructions" : "not compiled to SHA instructions here",
                    implementation);
            return JDK;
        }
        Optional<Provider> nss = NssHolder.PROVIDER;
        if (nss.isEmpty()) {
            LOG.warn("SHA-256 of log files: NSS (libnss3) did not load; the JDK's SUN provider hashes instead");
            return JDK;
        }
        LOG.info(
                "SHA-256 of log files: NSS through SunPKCS11 ({}; records.sha256-implementation {})",
                jdkFast ? "asked for" : "the JVM compiles with C1 only",
                implementation);
        return new Sha256Digests(nss.get(), "NSS through SunPKCS11");
    }

    /** AUTO takes NSS exactly where the JDK's SHA-256 is not compiled to the CPU's instructions. */
    static Sha256Implementation choose(Sha256Implementation asked, boolean jdkSha256IsCompiled) {
        if (asked != Sha256Implementation.AUTO) return asked;
        return jdkSha256IsCompiled ? Sha256Implementation.JDK : Sha256Implementation.NSS;
    }

    /** Whether NSS loaded in this JVM (it is tried once). */
    static boolean nssAvailable() {
        return NssHolder.PROVIDER.isPresent();
    }

    /** A fresh digest. */
    public MessageDigest newDigest() {
        try {
            return provider == null
                    ? MessageDigest.getInstance(ALGORITHM)
                    : MessageDigest.getInstance(ALGORITHM, provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(description + " has no SHA-256", e);
        }
    }

    /** Which implementation this is, for logs and tests. */
    public String description() {
        return description;
    }

    /** Loads NSS on first use, once per JVM (class initialisation is the lock). */
    private static final class NssHolder {
        static final Optional<Provider> PROVIDER = load();

        private static Optional<Provider> load() {
            try {
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null) return Optional.empty();
                Provider nss = base.configure("--name=trailstream-sha256\nnssDbMode=noDb\nattributes=compatibility\n");
                MessageDigest.getInstance(ALGORITHM, nss).digest(); // proves the library works
                return Optional.of(nss);
            } catch (RuntimeException | NoSuchAlgorithmException | LinkageError e) {
                LOG.debug("NSS did not load", e);
                return Optional.empty();
            }
        }
    }

    /** What the running JVM's flags say of its SHA-256 code. */
    static final class JitFacts {
        private JitFacts() {}

        /**
         * C2 is on (no {@code TieredStopAtLevel} below 4 with tiered compilation) and so are the CPU's SHA
         * instructions ({@code UseSHA}, the product flag behind the diagnostic {@code UseSHA256Intrinsics}).
         */
        static boolean jdkSha256IsCompiled() {
            try {
                HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                boolean intrinsic = Boolean.parseBoolean(value(vm, "UseSHA"));
                boolean tiered = Boolean.parseBoolean(value(vm, "TieredCompilation"));
                boolean c2 = !tiered || Integer.parseInt(value(vm, "TieredStopAtLevel")) >= 4;
                return intrinsic && c2;
            } catch (IllegalArgumentException notHotSpot) {
                return true; // no such bean or flags (not HotSpot): trust the JVM's own SHA-256
            }
        }

        private static String value(HotSpotDiagnosticMXBean vm, String flag) {
            VMOption option = vm.getVMOption(flag);
            return option.getValue();
        }
    }
}
