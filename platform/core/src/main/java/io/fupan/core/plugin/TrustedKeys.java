package io.fupan.core.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Ed25519 public keys whose signatures this server trusts on plugin jars: the {@code *.pub}
 * files of a folder (PEM "PUBLIC KEY", as {@code openssl pkey -pubout} writes it). A jar's
 * signature is {@code <jar>.sig}: the Base64 Ed25519 signature of the jar's bytes, as
 * {@code openssl pkeyutl -sign -rawin -inkey key.pem -in plugin.jar | base64 -w0} writes it.
 * With no keys configured nothing can be verified ({@link #NONE}: development only).
 */
record TrustedKeys(List<PublicKey> keys, String source) {

    static final String SIGNATURE_SUFFIX = ".sig";
    static final TrustedKeys NONE = new TrustedKeys(List.of(), "no trusted keys configured");

    /** The keys of {@code folder}; a key file that cannot be read is an error (a server should not start half-trusting). */
    static TrustedKeys load(Path folder) {
        List<PublicKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                String pem = Files.readString(file, StandardCharsets.US_ASCII)
                        .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
                try {
                    keys.add(KeyFactory.getInstance("Ed25519")
                            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new IllegalStateException("trusted plugin key " + file + " is not an Ed25519 public key in PEM: "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the trusted plugin keys in " + folder + ": " + e.getMessage(), e);
        }
        return new TrustedKeys(List.copyOf(keys), keys.size() + " keys from " + folder);
    }

    boolean any() {
        return !keys.isEmpty();
    }

    /** Whether {@code signature} (Base64) signs {@code jar} with one of the keys. */
    boolean verify(byte[] jar, String signature) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(key);
                check.update(jar);
                if (check.verify(bytes)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next
            }
        }
        return false;
    }
}
