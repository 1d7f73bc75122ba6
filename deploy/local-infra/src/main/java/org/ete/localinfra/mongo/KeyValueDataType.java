package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Key type of the unique-index maps: compares {@link KeyValue}s field by field with MongoDB's value order and
 * writes the common BSON scalars compactly.
 *
 * <p>Why it exists: mongo-java-server's H2 backend keys its index maps with H2's generic {@code ObjectDataType},
 * which compares {@code KeyValue}s (not {@code Comparable}) by Java-serialising both sides on every comparison of
 * every B-tree search. Profiling the local run showed ~60% of the infrastructure JVM's CPU in that serialisation
 * while partners posted events. Ordering and equality here match the library's own: keys arrive normalised (numbers
 * as doubles, missing as null) and are ordered by its {@link ValueComparator}; values the comparator calls equal but
 * {@code equals} does not (none of the key types this platform uses) are told apart by class name and text, so the
 * order stays total.
 */
final class KeyValueDataType extends BasicDataType<KeyValue> {
    static final KeyValueDataType INSTANCE = new KeyValueDataType();

    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();
    private static final byte NULL = 0;
    private static final byte MISSING = 1;
    private static final byte STRING = 2;
    private static final byte DOUBLE = 3;
    private static final byte LONG = 4;
    private static final byte INTEGER = 5;
    private static final byte TRUE = 6;
    private static final byte FALSE = 7;
    private static final byte INSTANT = 8;
    private static final byte SERIALIZED = 9;

    private KeyValueDataType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareValues(Object x, Object y) {
        int c = ORDER.compare(x, y);
        if (c != 0 || Objects.equals(x, y) || Missing.isNullOrMissing(x) && Missing.isNullOrMissing(y)) {
            return c;
        }
        c = x.getClass().getName().compareTo(y.getClass().getName());
        return c != 0 ? c : String.valueOf(x).compareTo(String.valueOf(y));
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object v : key) {
            memory += v instanceof String s ? 40 + 2 * s.length() : 24;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object v : key) {
            writeValue(buffer, v);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buffer));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    private static void writeValue(WriteBuffer buffer, Object v) {
        if (v == null) {
            buffer.put(NULL);
        } else if (v instanceof Missing) {
            buffer.put(MISSING);
        } else if (v instanceof String s) {
            buffer.put(STRING).putVarInt(s.length()).putStringData(s, s.length());
        } else if (v instanceof Double d) {
            buffer.put(DOUBLE).putDouble(d);
        } else if (v instanceof Long l) {
            buffer.put(LONG).putLong(l);
        } else if (v instanceof Integer i) {
            buffer.put(INTEGER).putInt(i);
        } else if (v instanceof Boolean b) {
            buffer.put(b ? TRUE : FALSE);
        } else if (v instanceof Instant t) {
            buffer.put(INSTANT).putLong(t.getEpochSecond()).putInt(t.getNano());
        } else {
            byte[] bytes = serialize(v);
            buffer.put(SERIALIZED).putVarInt(bytes.length).put(bytes);
        }
    }

    private static Object readValue(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case MISSING -> Missing.getInstance();
            case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
            case DOUBLE -> buffer.getDouble();
            case LONG -> buffer.getLong();
            case INTEGER -> buffer.getInt();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INSTANT -> Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
            case SERIALIZED -> {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                yield deserialize(bytes);
            }
            default -> throw new IllegalStateException("Unknown index key tag " + tag + ": store written by another "
                    + "version of local-infra?");
        };
    }

    private static byte[] serialize(Object v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
