package org.ete.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The AsyncAPI 3.0 document of the platform's topics ({@link Topics}) and the CloudEvents on them, one message per
 * {@link EventType}, each message's payload a reference to the type's JSON Schema ({@code schemas/<type>.json},
 * relative to the document).
 */
public final class AsyncApi {
    /** Classpath location of the document (YAML). */
    public static final String RESOURCE = "contracts/asyncapi.yaml";

    private AsyncApi() {
    }

    /** The document, as published. */
    public static String text() {
        try (InputStream in = EventCatalogue.open(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Classpath location of a reference made in the document (relative to its folder), e.g. a payload schema. */
    public static String resolve(String relativeReference) {
        return RESOURCE.substring(0, RESOURCE.lastIndexOf('/') + 1) + relativeReference;
    }
}
