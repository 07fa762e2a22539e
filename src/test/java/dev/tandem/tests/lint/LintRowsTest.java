package dev.tandem.tests.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tandem.lint.LintDiagnostic;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LintDiagnostic.fromRows reads the backends' rows with a reader of its own: on generated
 * results in both backends' spellings, and on those results damaged, it must read what
 * Jackson reads and refuse what Jackson refuses.
 */
class LintRowsTest {
    private static final String CHARACTERS = "aZ09 _.,:;'`()[]{}\"\\/\b\f\n\r\t\u0000\u001f\u007fé€東\uD83D\uDE42\uDC00\uD800";

    @Test
    void readsWhatJacksonReadsAndRefusesWhatItRefuses() throws IOException {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            List<List<Object[]>> files = files(random);
            List<String> names = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                names.add("f" + f + ".py");
            }
            for (String json : List.of(compact(files), pythonStyle(files))) {
                assertEquals(jackson(json, names), ours(json, names), json);
                String damaged = damage(json, random);
                Optional<List<List<LintDiagnostic>>> expected = jackson(damaged, names);
                assertEquals(expected, ours(damaged, names), damaged);
                refused += expected.isEmpty() ? 1 : 0;
            }
        }
        assertTrue(refused > 1_000, "damaged results refused: " + refused);
    }

    private static Optional<List<List<LintDiagnostic>>> ours(String json, List<String> names) {
        try {
            return Optional.of(LintDiagnostic.fromRows(json, names));
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    /** The reading before: Jackson's streaming parser, to the end of the input. */
    private static Optional<List<List<LintDiagnostic>>> jackson(String json, List<String> names) throws IOException {
        List<List<LintDiagnostic>> files = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
                if (files.size() >= names.size()) {
                    return Optional.empty();
                }
                List<LintDiagnostic> rows = new ArrayList<>();
                while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
                    Object[] row = new Object[6];
                    for (int field = 0; field < 6; field++) {
                        JsonToken value = parser.nextToken();
                        boolean text = field == 0 || field == 5;
                        if (value != (text ? JsonToken.VALUE_STRING : JsonToken.VALUE_NUMBER_INT)) {
                            return Optional.empty();
                        }
                        row[field] = text ? parser.getText() : (Object) parser.getIntValue();
                    }
                    if (parser.nextToken() != JsonToken.END_ARRAY) {
                        return Optional.empty();
                    }
                    rows.add(new LintDiagnostic((String) row[0], (String) row[5], (int) row[1], (int) row[2],
                            (int) row[3], (int) row[4], names.get(files.size())));
                }
                if (token != JsonToken.END_ARRAY) {
                    return Optional.empty();
                }
                files.add(rows);
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null || files.size() != names.size()) {
                return Optional.empty();
            }
        } catch (IOException notJson) {
            return Optional.empty();
        }
        return Optional.of(files);
    }

    private static List<List<Object[]>> files(Random random) {
        List<List<Object[]>> files = new ArrayList<>();
        for (int f = random.nextInt(4); f > 0; f--) {
            List<Object[]> rows = new ArrayList<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                rows.add(new Object[] {text(random), number(random), number(random), number(random), number(random),
                        text(random)});
            }
            files.add(rows);
        }
        return files;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            text.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return text.toString();
    }

    private static int number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(100);
            case 2 -> Integer.MAX_VALUE - random.nextInt(2);
            default -> Integer.MIN_VALUE + random.nextInt(2);
        };
    }

    /** As serde_json writes it: no spaces, non-ASCII as it is. */
    private static String compact(List<List<Object[]>> files) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartArray();
            for (List<Object[]> rows : files) {
                json.writeStartArray();
                for (Object[] row : rows) {
                    json.writeStartArray();
                    json.writeString((String) row[0]);
                    for (int field = 1; field < 5; field++) {
                        json.writeNumber((int) row[field]);
                    }
                    json.writeString((String) row[5]);
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndArray();
        }
        return out.toString();
    }

    /** As Python's json.dumps writes it: ", " between items, everything but printable ASCII as \\uXXXX. */
    private static String pythonStyle(List<List<Object[]>> files) {
        List<String> fileTexts = new ArrayList<>();
        for (List<Object[]> rows : files) {
            List<String> rowTexts = new ArrayList<>();
            for (Object[] row : rows) {
                rowTexts.add("[" + ascii((String) row[0]) + ", " + row[1] + ", " + row[2] + ", " + row[3] + ", " + row[4]
                        + ", " + ascii((String) row[5]) + "]");
            }
            fileTexts.add("[" + String.join(", ", rowTexts) + "]");
        }
        return "[" + String.join(", ", fileTexts) + "]";
    }

    private static String ascii(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /** One character deleted, replaced or inserted. */
    private static String damage(String json, Random random) {
        String pool = "[]\",:\\u0123456789-+.eE aZ\u0001\t\n";
        int at = random.nextInt(json.length() + 1);
        char c = pool.charAt(random.nextInt(pool.length()));
        return switch (random.nextInt(3)) {
            case 0 -> at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json;
            case 1 -> at < json.length() ? json.substring(0, at) + c + json.substring(at + 1) : json + c;
            default -> json.substring(0, at) + c + json.substring(at);
        };
    }
}
