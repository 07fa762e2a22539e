package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Utf8;
import dev.tandem.kernels.text.TextRust;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Rust backend of the text kernels, called through TextRust as Python calls it. */
class NativeTextTest {
    private final TextRust rust = new TextRust();

    private static final String[] SAMPLES = {
        "", "hello, world", "日本語のテキスト", "emoji 😀👍🏽 and é", "a\uD800b", "\uDC00\uD800", "end\uD83D",
    };

    @Test
    void codepointsAreWhatPythonsOrdGives() {
        assertArrayEquals(new int[] {}, rust.codepoints(""));
        assertArrayEquals(new int[] {'a', 'b', 'c'}, rust.codepoints("abc"));
        assertArrayEquals(new int[] {0x65E5, 0x672C}, rust.codepoints("日本"));
        assertArrayEquals(new int[] {0x1F600, 'x'}, rust.codepoints("😀x"));
        assertArrayEquals(new int[] {'a', 0xD800, 'b'}, rust.codepoints("a\uD800b"));
        for (String sample : SAMPLES) {
            assertArrayEquals(sample.codePoints().toArray(), rust.codepoints(sample), sample);
        }
    }

    @Test
    void fnv1a32MatchesThePublishedVectorsAndHashesSurrogatepassBytes() {
        assertEquals(0x811C9DC5L, rust.fnv1a_32(""));
        assertEquals(0xE40C292CL, rust.fnv1a_32("a"));
        assertEquals(0xBF9CF968L, rust.fnv1a_32("foobar"));
        assertEquals(fnv1a32(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'}), rust.fnv1a_32("a\uD800b"));
        for (String sample : SAMPLES) {
            assertEquals(fnv1a32(Utf8.encodeSurrogatePass(sample)), rust.fnv1a_32(sample), sample);
        }
    }

    @Test
    void handlesTenMegabytesOfMixedText() {
        String text = randomText(new SplittableRandom(42), 10 << 20);
        assertArrayEquals(text.codePoints().toArray(), rust.codepoints(text));
        assertEquals(fnv1a32(Utf8.encodeSurrogatePass(text)), rust.fnv1a_32(text));
    }

    @Test
    void invalidBytesAreInvalidInputNamingTheOffset() {
        byte[] text = "0123456789abcdefg\u00FFxyz".getBytes(StandardCharsets.ISO_8859_1); // 0xFF at byte 17
        int status = rawCodepoints(text, new int[text.length], new long[1]);
        assertEquals(NativeStatus.INVALID_INPUT, status);
        KernelException e = assertThrows(KernelException.class, () -> NativeStatus.check(status, "text.codepoints"));
        assertEquals("text.codepoints: invalid UTF-8 at byte 17", e.getMessage());
    }

    @Test
    void lastErrorsBelongToTheirThread() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> failAndSucceedInTurn(offset)));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
    }

    /** Each thread's error names its own offset, whatever the other threads do meanwhile. */
    private void failAndSucceedInTurn(int offset) {
        byte[] text = new byte[offset + 1];
        Arrays.fill(text, (byte) 'a');
        text[offset] = (byte) 0x80;
        for (int i = 0; i < 2_000; i++) {
            int status = rawCodepoints(text, new int[text.length], new long[1]);
            assertEquals(NativeStatus.INVALID_INPUT, status);
            assertEquals("invalid UTF-8 at byte " + offset, NativeStatus.lastError());
            assertArrayEquals(new int[] {'h', 'i'}, rust.codepoints("hi"));
        }
    }

    /** tandem_text_codepoints itself, to feed it bytes no Java string encodes to. */
    private static int rawCodepoints(byte[] text, int[] out, long[] outLen) {
        try {
            return (int) RAW_CODEPOINTS.invokeExact(MemorySegment.ofArray(text), (long) text.length,
                    MemorySegment.ofArray(out), (long) out.length, MemorySegment.ofArray(outLen));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    private static final MethodHandle RAW_CODEPOINTS = NativeLibrary.get().downcall("tandem_text_codepoints",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                    ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS),
            Linker.Option.critical(true));

    /** Text mixing ASCII, Latin, CJK, emoji (surrogate pairs) and the odd lone surrogate. */
    static String randomText(SplittableRandom random, int chars) {
        StringBuilder text = new StringBuilder(chars + 1);
        while (text.length() < chars) {
            int kind = random.nextInt(100);
            if (kind < 60) {
                text.append((char) random.nextInt(0x20, 0x7F));
            } else if (kind < 75) {
                text.append((char) random.nextInt(0xA0, 0x800));
            } else if (kind < 90) {
                text.append((char) random.nextInt(0x4E00, 0xA000));
            } else if (kind < 99) {
                text.appendCodePoint(random.nextInt(0x1F300, 0x1FAFF));
            } else {
                text.append((char) random.nextInt(0xD800, 0xE000));
            }
        }
        return text.toString();
    }

    static long fnv1a32(byte[] bytes) {
        int hash = 0x811C9DC5;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xFF)) * 0x01000193;
        }
        return Integer.toUnsignedLong(hash);
    }
}
