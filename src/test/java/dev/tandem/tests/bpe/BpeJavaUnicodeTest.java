package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java backend classifies characters with JDK 25's {@link Character} (Unicode 16.0.0) and a
 * spelled-out White_Space; tiktoken uses the regex crate's Unicode 16.0.0 tables. This compares
 * both, code point by code point, with python/tandem/bpe/_unicode.py, the reference's pinned tables.
 */
class BpeJavaUnicodeTest {
    private static final Map<String, Integer> TYPES = Map.ofEntries(
            Map.entry("Lu", (int) Character.UPPERCASE_LETTER), Map.entry("Ll", (int) Character.LOWERCASE_LETTER),
            Map.entry("Lt", (int) Character.TITLECASE_LETTER), Map.entry("Lm", (int) Character.MODIFIER_LETTER),
            Map.entry("Lo", (int) Character.OTHER_LETTER), Map.entry("Mn", (int) Character.NON_SPACING_MARK),
            Map.entry("Mc", (int) Character.COMBINING_SPACING_MARK), Map.entry("Me", (int) Character.ENCLOSING_MARK),
            Map.entry("Nd", (int) Character.DECIMAL_DIGIT_NUMBER), Map.entry("Nl", (int) Character.LETTER_NUMBER),
            Map.entry("No", (int) Character.OTHER_NUMBER));

    private static String tables() throws Exception {
        Path path = Path.of(System.getProperty("tandem.home", "."), "python/tandem/bpe/_unicode.py");
        return Files.readString(path);
    }

    /** The code points of a space-separated list of hex ranges, as the generated file writes them. */
    private static BitSet ranges(String text) {
        BitSet set = new BitSet();
        for (String item : text.trim().split("\\s+")) {
            String[] bounds = item.split("-");
            int first = Integer.parseInt(bounds[0], 16);
            int last = Integer.parseInt(bounds[bounds.length - 1], 16);
            set.set(first, last + 1);
        }
        return set;
    }

    /** The ranges of {@code "NAME": ("..." "..." ),} in the file, joined. */
    private static BitSet category(String file, String name) {
        Matcher block = Pattern.compile("\"" + name + "\": \\((.*?)\\),", Pattern.DOTALL).matcher(file);
        if (!block.find()) {
            throw new AssertionError("no " + name + " in _unicode.py");
        }
        StringBuilder joined = new StringBuilder();
        Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(block.group(1));
        while (literal.find()) {
            joined.append(literal.group(1));
        }
        return ranges(joined.toString());
    }

    @Test
    void jdkCategoriesAreThePinnedUnicode16Tables() throws Exception {
        String file = tables();
        assertEquals(true, file.contains("UNICODE_VERSION = \"16.0.0\""), "the reference's tables are not Unicode 16.0.0");
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Integer> type : TYPES.entrySet()) {
            BitSet expected = category(file, type.getKey());
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                    continue;
                }
                boolean java = Character.getType(c) == type.getValue();
                if (java != expected.get(c) && differences.size() < 20) {
                    differences.add(String.format("U+%04X %s: Java %s, tables %s", c, type.getKey(), java, expected.get(c)));
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    /**
     * White_Space, tested through the scanner: between two "!" a white-space character is a
     * piece of its own, any other character that is no letter or number joins the punctuation.
     * Space, \r and \n are left out: the pattern joins them to punctuation on purpose.
     */
    @Test
    void whiteSpaceIsTheUnicodeProperty() throws Exception {
        Matcher whiteSpace = Pattern.compile("WHITE_SPACE = \"([^\"]*)\"").matcher(tables());
        assertEquals(true, whiteSpace.find());
        BitSet expected = ranges(whiteSpace.group(1));
        assertEquals(25, expected.cardinality());
        Encoding encoding = Encodings.get("cl100k_base");
        List<String> differences = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int type = Character.getType(c);
            if (c == ' ' || c == '\r' || c == '\n' || c >= 0xD800 && c <= 0xDFFF || Character.isLetter(c) || Character.isDigit(c)
                    || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) {
                continue;
            }
            int pieces = encoding.pieces("!" + Character.toString(c) + "!").size();
            boolean space = pieces == 3;
            if (space != expected.get(c) && differences.size() < 20) {
                differences.add(String.format("U+%04X: %d pieces", c, pieces));
            }
        }
        assertEquals(List.of(), differences);
    }
}
