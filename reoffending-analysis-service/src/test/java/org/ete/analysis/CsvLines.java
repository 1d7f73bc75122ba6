package org.ete.analysis;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.util.List;

/** Reads a CSV answer back into its lines of cells (header first), with the same library the service writes it. */
public final class CsvLines {
    private CsvLines() {
    }

    public static List<List<String>> parse(String csv) throws IOException {
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }
}
