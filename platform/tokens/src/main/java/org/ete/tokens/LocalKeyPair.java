package org.ete.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local issuer's RS256 key pair as two PEM files in a directory ({@code private.pem}, PKCS#8, owner-only;
 * {@code public.pem}, X.509 SubjectPublicKeyInfo, which the services read through
 * {@code mp.jwt.verify.publickey.location}). Created on first use, reused after: tokens minted yesterday still
 * verify today, and a second process racing the first one adopts the pair the first one wrote.
 */
public final class LocalKeyPair {
    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";
    private static final int RSA_BITS = 2048;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private LocalKeyPair(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the pair from {@code dir}, generating and writing it first if the directory holds none. */
    public static LocalKeyPair loadOrCreate(Path dir) {
        try {
            Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
            Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privateFile)) {
                Files.createDirectories(dir);
                KeyPair generated = generate();
                // Public first: a reader that sees private.pem can rely on public.pem being there.
                writeAtomically(publicFile, pem("PUBLIC KEY", generated.getPublic().getEncoded()), false);
                writeAtomically(privateFile, pem("PRIVATE KEY", generated.getPrivate().getEncoded()), true);
            }
            PrivateKey privateKey = readPrivateKey(Files.readString(privateFile, StandardCharsets.US_ASCII));
            // The public key is derived from the private one, so a pair torn by a racing writer cannot mismatch.
            PublicKey publicKey = publicKeyOf(privateKey);
            if (!Files.exists(publicFile)
                    || !java.util.Arrays.equals(readPublicKey(Files.readString(publicFile)).getEncoded(), publicKey.getEncoded())) {
                writeAtomically(publicFile, pem("PUBLIC KEY", publicKey.getEncoded()), false);
            }
            return new LocalKeyPair(privateKey, publicKey, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the local token key pair in " + dir, e);
        }
    }

    /** A pair that is never written anywhere (tests: a token signed by "another key"). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(derOf(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a PKCS#8 RSA private key", e);
        }
    }

    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(derOf(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an X.509 RSA public key", e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The file the services verify against ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        try {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("The private key does not carry its public half (not an RSA CRT key)", e);
        }
    }

    private static byte[] derOf(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static void writeAtomically(Path target, String content, boolean ownerOnly) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try {
                // The private key for its owner only; the public key for any local process (services, tools).
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: the directory's own permissions are all there is.
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                // Another process wrote it first; theirs wins.
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
