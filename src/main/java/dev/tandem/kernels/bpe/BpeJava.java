package dev.tandem.kernels.bpe;

import dev.tandem.KernelException;
import dev.tandem.ffi.Cancellation;
import java.util.List;
import java.util.stream.IntStream;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java backend of the tokenizer kernels ({@code bpe.encode_ordinary}, {@code bpe.encode},
 * {@code bpe.count}, {@code bpe.encode_batch}, {@code bpe.decode_bytes}). Methods carry the kernels' operation names.
 * The Python side has already done tiktoken's disallowed-special check; {@code allowedSpecial}
 * lists the special tokens to treat as special, and any other is plain text (strings in it that
 * are no special token of the encoding are ignored, as tiktoken does).
 */
public final class BpeJava {
    /** {@code bpe.encode_ordinary}: the ids of {@code text}, special tokens as plain text. */
    @HostAccess.Export
    public int[] encode_ordinary(String encoding, String text) {
        return encoding("bpe.encode_ordinary", encoding).encodeOrdinary(text);
    }

    /** {@code bpe.encode}: the ids of {@code text}, the {@code allowedSpecial} tokens as their ids. */
    @HostAccess.Export
    public int[] encode(String encoding, String text, List<String> allowedSpecial) {
        Encoding found = encoding("bpe.encode", encoding);
        return found.encodeInto(text, found.allowed(allowedSpecial), TokenBuffer.forIds(text.length())).toArray();
    }

    /** {@code bpe.count}: how many ids {@code bpe.encode} gives, without building them. */
    @HostAccess.Export
    public long count(String encoding, String text, List<String> allowedSpecial) {
        Encoding found = encoding("bpe.count", encoding);
        return found.encodeInto(text, found.allowed(allowedSpecial), TokenBuffer.forCount()).size();
    }

    /** {@code bpe.decode_bytes}: the bytes of the ids, concatenated. */
    @HostAccess.Export
    public byte[] decode_bytes(String encoding, int[] ids) {
        Encoding found = encoding("bpe.decode_bytes", encoding);
        try {
            return found.decodeBytes(ids);
        } catch (IllegalArgumentException error) {
            throw new KernelException("bpe.decode_bytes", error.getMessage());
        }
    }

    /**
     * {@code bpe.encode_batch}: {@code encode} of each text, the texts spread over every core
     * (the common fork-join pool; the work never touches Python, so no lock is held).
     */
    @HostAccess.Export
    public int[][] encode_batch(String encoding, List<String> texts, List<String> allowedSpecial) {
        Encoding found = encoding("bpe.encode_batch", encoding);
        List<String> allowed = found.allowed(allowedSpecial);
        String[] copied = texts.toArray(new String[0]); // one crossing for all the texts
        int[][] ids = new int[copied.length][];
        Cancellation cancellation = Cancellation.current(); // the pool's threads poll the caller's
        IntStream.range(0, copied.length).parallel().forEach(i -> ids[i] = found.encodeInto(copied[i], allowed,
                TokenBuffer.forIds(copied[i].length()), cancellation).toArray());
        return ids;
    }

    private static Encoding encoding(String kernel, String name) {
        try {
            return Encodings.get(name);
        } catch (IllegalArgumentException error) {
            throw new KernelException(kernel, error.getMessage());
        }
    }
}
