package org.ete.analysis.disclosure;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Each person's record key for cell-key perturbation: a number in [0, {@link PTable#KEY_RANGE}) fixed for the
 * person, derived from the person id with HMAC-SHA-256 under a secret key. As the ONS assigns every census record a
 * random record key once, so the same people always sum to the same cell key; deriving it (rather than storing a
 * random number) keeps it a pure function of the person id, so a rebuild of the projection gives the same keys and
 * so the same published figures. Without the secret the keys, and so the noise, cannot be computed.
 */
public final class RecordKeys {
    private static final String ALGORITHM = "HmacSHA256";
    /** Domain separation: the same secret must never give the same bytes for another purpose. */
    private static final String CONTEXT = "ete.disclosure.record-key.v1:";
    static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    public RecordKeys(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("ete.disclosure.perturbation.key must be at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        this.secret = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The person's record key, in [0, {@link PTable#KEY_RANGE}). */
    public int of(String personId) {
        byte[] h = macs.get().doFinal((CONTEXT + personId).getBytes(StandardCharsets.UTF_8));
        int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return Math.floorMod(v, PTable.KEY_RANGE);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
        }
    }
}
