package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.kernels.bpe.RustEncoder;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** Bad input, panics and huge pieces through RustEncoder: KernelExceptions with Rust's message, never a crash. */
class RustEncoderErrorsTest {
    private static final MethodHandle ENCODE = NativeLibrary.get().downcall("tandem_bpe_encode",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
            Linker.Option.critical(true));

    @Test
    void aDamagedRankFileNamesTheLine() {
        byte[] ranks = "IQ== 0\nIg== 1\nIw==1\n".getBytes(StandardCharsets.US_ASCII);
        KernelException e = assertThrows(KernelException.class,
                () -> RustEncoder.load(ranks, RustEncoder.PATTERN_CL100K, new LinkedHashMap<>()));
        assertEquals("bpe.load: rank data: line 3 is not 'BASE64 RANK': b'Iw==1'", e.getMessage());
        KernelException truncated = assertThrows(KernelException.class,
                () -> RustEncoder.load(Arrays.copyOf(BpeEncodings.rankFile("r50k_base"), 1000), RustEncoder.PATTERN_R50K,
                        new LinkedHashMap<>()));
        assertTrue(truncated.getMessage().contains("has no newline at the end: the file is truncated"),
                truncated.getMessage());
    }

    @Test
    void badPatternsAndSpecialTokensAreRefused() {
        byte[] ranks = BpeEncodings.rankFile("r50k_base");
        KernelException pattern = assertThrows(KernelException.class, () -> RustEncoder.load(ranks, 7, new LinkedHashMap<>()));
        assertEquals("bpe.load: unknown pattern 7: 0 is r50k, 1 cl100k, 2 o200k", pattern.getMessage());
        LinkedHashMap<String, Integer> clash = new LinkedHashMap<>();
        clash.put("<|x|>", 50000);
        KernelException special = assertThrows(KernelException.class, () -> RustEncoder.load(ranks, 0, clash));
        assertTrue(special.getMessage().startsWith("bpe.load: special tokens: line 1: \"<|x|>\" has id 50000"),
                special.getMessage());
    }

    @Test
    void aNullEncoderIsRefused() throws Throwable {
        byte[] text = {'a'};
        long[] ids = new long[1];
        long[] length = new long[1];
        int status = (int) ENCODE.invokeExact(MemorySegment.NULL, MemorySegment.ofArray(text), 1L, 0L,
                MemorySegment.NULL, MemorySegment.ofArray(ids), MemorySegment.ofArray(length));
        assertEquals(NativeStatus.NULL_POINTER, status);
        assertEquals("encoder is a null pointer", NativeStatus.lastError());
    }

    @Test
    void aRustPanicBecomesAKernelException() throws Throwable {
        MethodHandle panic = NativeLibrary.get().downcall("tandem_debug_panic", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        int status = (int) panic.invokeExact();
        KernelException e = assertThrows(KernelException.class, () -> NativeStatus.check(status, "bpe.encode"));
        assertTrue(e.getMessage().startsWith("bpe.encode: the Rust backend panicked (a bug in Tandem): tandem_debug_panic was called at "),
                e.getMessage());
        try (RustEncoder encoder = BpeEncodings.load("r50k_base")) {
            assertArrayEquals(new int[] {31373, 995}, encoder.encode("hello world", 0), "still works after a panic");
        }
    }

    @Test
    void loneSurrogatesAreEncodedAsReplacementCharacters() {
        try (RustEncoder encoder = BpeEncodings.load("cl100k_base")) {
            assertArrayEquals(encoder.encode("a\uFFFDb\uFFFD", 0), encoder.encode("a\uD800b\uDFFF", 0));
            assertArrayEquals(encoder.encode("\uD83D\uDE00", 0), encoder.encode("😀", 0));
        }
    }

    @Test
    void aClosedEncoderRefusesWork() {
        RustEncoder encoder = BpeEncodings.load("r50k_base");
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.encode("x", 0));
        encoder.close(); // twice is fine
    }

    @Test
    void aMegabyteOfOneCharacterFinishesQuickly() {
        for (String name : new String[] {"cl100k_base", "o200k_base"}) {
            try (RustEncoder encoder = BpeEncodings.load(name)) {
                for (String c : new String[] {"a", " ", "1", "!", "中", "\u0301"}) {
                    String text = c.repeat((1 << 20) / c.getBytes(StandardCharsets.UTF_8).length);
                    int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> encoder.encode(text, 0),
                            name + " " + c);
                    assertTrue(ids.length > 0 && ids.length <= text.length(), name + " " + c + ": " + ids.length);
                    assertEquals(ids.length, encoder.count(text, 0));
                }
            }
        }
    }
}
