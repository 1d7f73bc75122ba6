package org.ete.eventkit.store;

/**
 * The append lost a race on a unique index: another writer took this stream version, or stored the same
 * (source, id) first. The caller re-reads and decides again; nothing was written.
 */
public class ConcurrentAppendException extends RuntimeException {
    public ConcurrentAppendException(String message) {
        super(message, null, false, false);
    }
}
