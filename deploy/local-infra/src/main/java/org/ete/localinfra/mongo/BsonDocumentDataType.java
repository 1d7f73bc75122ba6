package org.ete.localinfra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * Value type of the collections' document maps: each document written as BSON, with the library's own wire codec.
 *
 * <p>Why it exists: the H2 backend's default value type Java-serialises documents, and a copy-on-write B-tree
 * writes a whole page of documents again for every change in it. Profiling the local run with partners posting
 * events put a quarter of the infrastructure JVM's CPU in that serialisation. Every document in a collection came
 * over the wire as BSON and is answered as BSON, so BSON round-trips everything stored. Documents are never
 * compared (the map's keys are the {@code _id}s).
 */
final class BsonDocumentDataType extends BasicDataType<Document> {
    static final BsonDocumentDataType INSTANCE = new BsonDocumentDataType();

    private BsonDocumentDataType() {
    }

    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            buffer.putVarInt(bytes.length).put(bytes);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** Rough in-memory size for MVStore's cache accounting (no encoding: this is called on every put). */
    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += 48 + 2 * String.valueOf(e.getKey()).length() + estimate(e.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 40;
            for (Object o : list) {
                size += 8 + estimate(o);
            }
            return size;
        }
        if (value instanceof String s) {
            return 40 + 2 * s.length();
        }
        return 24;
    }
}
