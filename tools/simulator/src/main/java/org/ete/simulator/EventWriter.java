package org.ete.simulator;

import java.nio.charset.StandardCharsets;
import org.ete.contracts.EventType;
import org.ete.contracts.Service;

/**
 * Renders one CloudEvent (structured mode, one line of NDJSON) without a JSON library: the generator writes
 * millions of them. Attributes: specversion, id, source ({@code urn:ete:simulator:<service>}), type, subject,
 * data. Not thread-safe; one per worker.
 */
final class EventWriter {
    static final String SOURCE_PREFIX = "urn:ete:simulator:";
    private static final String[] SOURCES = new String[Service.values().length];

    static {
        for (Service s : Service.values()) {
            SOURCES[s.ordinal()] = SOURCE_PREFIX + s.id();
        }
    }

    private byte[] buf = new byte[1024];
    private int len;
    private boolean first;
    private final java.util.IdentityHashMap<String, Boolean> plain = new java.util.IdentityHashMap<>();

    static String source(Service service) {
        return SOURCES[service.ordinal()];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    /** Appends ASCII text that needs no JSON escaping (constants, ids, dates, numbers). */
    @SuppressWarnings("deprecation")
    private void raw(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, len); // ASCII: one byte per char
        len += n;
    }

    /** Whether {@code s} can be written as is: ASCII, printable, no quote or backslash. Cached by identity. */
    private boolean plain(String s) {
        Boolean known = plain.get(s);
        if (known != null) {
            return known;
        }
        boolean ok = true;
        for (int i = 0; i < s.length() && ok; i++) {
            char c = s.charAt(i);
            ok = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        }
        if (plain.size() < 100_000) {
            plain.put(s, ok);
        }
        return ok;
    }

    private void ch(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void number(long v) {
        ensure(21);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int start = len;
        while (v > 0) {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    EventWriter begin(EventType type, String id, String subject) {
        return begin(type, id, -1, subject);
    }

    /** Starts an event whose id is {@code idBase} followed by {@code idNumber} (if not negative). */
    EventWriter begin(EventType type, String idBase, int idNumber, String subject) {
        len = 0;
        raw("{\"specversion\":\"1.0\",\"id\":\"");
        raw(idBase);
        if (idNumber >= 0) {
            number(idNumber);
        }
        raw("\",\"source\":\"");
        raw(source(type.service()));
        raw("\",\"type\":\"");
        raw(type.type());
        raw("\",\"subject\":\"");
        raw(subject);
        raw("\",\"data\":{");
        first = true;
        return this;
    }

    private void name(String name) {
        if (!first) {
            ch(',');
        }
        first = false;
        ch('"');
        raw(name);
        raw("\":");
    }

    EventWriter str(String name, String value) {
        name(name);
        quote(value);
        return this;
    }

    EventWriter date(String name, int day) {
        name(name);
        ch('"');
        raw(Days.iso(day));
        ch('"');
        return this;
    }

    EventWriter integer(String name, long value) {
        name(name);
        number(value);
        return this;
    }

    /** A decimal given in tenths, e.g. 417 -> 41.7. */
    EventWriter tenths(String name, int tenths) {
        name(name);
        number(tenths / 10);
        ch('.');
        ch((char) ('0' + tenths % 10));
        return this;
    }

    EventWriter bool(String name, boolean value) {
        name(name);
        raw(value ? "true" : "false");
        return this;
    }

    EventWriter object(String name) {
        name(name);
        ch('{');
        first = true;
        return this;
    }

    EventWriter endObject() {
        ch('}');
        first = false;
        return this;
    }

    /** Finishes the event; {@link #bytes()} and {@link #length()} then hold it (until the next begin). */
    EventWriter end() {
        ch('}');
        ch('}');
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    /** The finished event as a string (tests and tools). */
    String text() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void quote(String value) {
        ch('"');
        if (plain(value)) {
            raw(value);
            ch('"');
            return;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 1);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        ch('"');
    }
}
