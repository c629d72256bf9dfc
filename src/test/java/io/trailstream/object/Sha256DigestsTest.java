package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whichever code hashes log files, the hash is the same; AUTO takes NSS exactly where the JDK's SHA-256 would run
 * uncompiled to the CPU's instructions.
 */
class Sha256DigestsTest {
    @Test
    void nssLoadsOnThisJdkAndHashesAsTheJdkDoes() throws Exception {
        assertThat(Sha256Digests.nssAvailable())
                .as("libnss3 is a dependency of Debian's JDK package; the NSS provider must load here")
                .isTrue();
        Sha256Digests nss = Sha256Digests.of(Sha256Implementation.NSS);
        assertThat(nss.description()).contains("NSS");
        assertThat(HexFormat.of().formatHex(nss.newDigest().digest("abc".getBytes("US-ASCII"))))
                .as("FIPS 180-2's test vector")
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 8191, 8192, 1 << 20}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            MessageDigest fromNss = nss.newDigest();
            int at = 0;
            while (at < length) { // uneven pieces, as a parser's reads come
                int piece = Math.min(length - at, 1 + random.nextInt(9000));
                fromNss.update(data, at, piece);
                at += piece;
            }
            assertThat(fromNss.digest())
                    .as("%d bytes", length)
                    .isEqualTo(Sha256Digests.jdk().newDigest().digest(data));
        }
    }

    @Test
    void autoTakesNssOnlyWhereTheJdksHashIsNotCompiled() {
        assertThat(Sha256Digests.choose(Sha256Implementation.AUTO, false)).isEqualTo(Sha256Implementation.NSS);
        assertThat(Sha256Digests.choose(Sha256Implementation.AUTO, true)).isEqualTo(Sha256Implementation.JDK);
        assertThat(Sha256Digests.choose(Sha256Implementation.JDK, false)).isEqualTo(Sha256Implementation.JDK);
        assertThat(Sha256Digests.choose(Sha256Implementation.NSS, true)).isEqualTo(Sha256Implementation.NSS);
    }

    @Test
    void underC1OnlyAutoHashesWithNss() throws Exception {
        // A JVM as `trailstream local` starts it: -XX:TieredStopAtLevel=1.
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AutoChoice.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(jvm.exitValue()).as(out).isZero();
        assertThat(out).contains("AUTO chose: NSS through SunPKCS11");
    }

    /** Prints what AUTO chose in the JVM it runs in. */
    public static final class AutoChoice {
        public static void main(String[] args) {
            System.out.println(
                    "AUTO chose: " + Sha256Digests.of(Sha256Implementation.AUTO).description());
        }
    }

    @Test
    void thisTestJvmCompilesTheJdksSha256SoAutoKeepsIt() {
        // Surefire's JVM runs with the default tiered compilation (C2 on) on a CPU with SHA instructions.
        assertThat(Sha256Digests.JitFacts.jdkSha256IsCompiled()).isTrue();
        assertThat(Sha256Digests.of(Sha256Implementation.AUTO).description())
                .isEqualTo(Sha256Digests.jdk().description());
    }
}
