package org.ete.contracts;

/**
 * A value that travels on the wire as a lower-case-hyphen string (an enumeration of the event catalogue).
 * Every enumeration of the contract implements it, so {@link WireValues} can look values up the same way.
 */
public interface WireValue {

    /** The exact string used in event data, e.g. {@code "burglary-domestic"}. */
    String wire();
}
