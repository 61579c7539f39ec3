package io.kefu.gateway.console;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Console passwords, stored only as a slow hash: PBKDF2-HMAC-SHA256 from the JDK, 210,000
 * iterations (OWASP's 2023 figure), 16-byte random salt, written as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Make one for {@code kefu.yaml} with
 * <pre>java -cp gateway/target/kefu-gateway-*.jar io.kefu.gateway.console.PasswordHash</pre>
 * (asks for the password without echo; or pass it on standard input).
 */
public final class PasswordHash {
    public static final int ITERATIONS = 210_000;
    static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    /** Null when the text is not a hash we can check; else the reason it is wrong, or "" when fine. */
    public static String problem(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(PREFIX)) {
            return "must look like pbkdf2-sha256$<iterations>$<salt>$<hash> (make one with io.kefu.gateway.console.PasswordHash)";
        }
        try {
            int it = Integer.parseInt(p[1]);
            if (it < ITERATIONS) {
                return "needs at least " + ITERATIONS + " iterations (got " + it + ")";
            }
            if (Base64.getDecoder().decode(p[2]).length < 16 || Base64.getDecoder().decode(p[3]).length != 32) {
                return "salt must be at least 16 bytes and the hash 32 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "iterations, salt or hash unreadable: " + e.getMessage();
        }
        return "";
    }

    /** Constant-time check. A stored value that is not a valid hash never matches. */
    public static boolean verify(String stored, char[] password) {
        if (!problem(stored).isEmpty()) {
            return false;
        }
        String[] p = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(p[1])));
    }

    static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static void main(String[] args) throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (!Arrays.equals(password, again)) {
                System.err.println("the two passwords differ");
                System.exit(1);
            }
        } else {
            String line = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            password = line.toCharArray();
        }
        if (password == null || password.length < 8) {
            System.err.println("use at least 8 characters");
            System.exit(1);
        }
        System.out.println(hash(password));
    }
}
