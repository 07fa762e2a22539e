package dev.tandem.kernels.bpe;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The Rust backend of the tokenizer kernels ({@code native/src/bpe/} through {@link RustEncoder}).
 * Methods carry the kernels' operation names, as {@link BpeJava}'s do, and give the same ids
 * and the same errors.
 */
public final class BpeRust {
    /**
     * @throws IllegalStateException when the native library is not loaded;
     *     {@link NativeLibrary#summary()} says why without throwing
     */
    public BpeRust() {
        NativeLibrary.get().requireLoaded();
    }

    /** {@code bpe.encode_ordinary}: the ids of {@code text}, special tokens as plain text. */
    @HostAccess.Export
    public int[] encode_ordinary(String encoding, String text) {
        return encoder("bpe.encode_ordinary", encoding).encoder().encode(text, 0);
    }

    /** {@code bpe.encode}: the ids of {@code text}, the {@code allowedSpecial} tokens as their ids. */
    @HostAccess.Export
    public int[] encode(String encoding, String text, List<String> allowedSpecial) {
        RustEncoders.Loaded loaded = encoder("bpe.encode", encoding);
        return loaded.encoder().encode(text, loaded.mask(allowedSpecial));
    }

    /** {@code bpe.count}: how many ids {@code bpe.encode} gives, counted in Rust. */
    @HostAccess.Export
    public long count(String encoding, String text, List<String> allowedSpecial) {
        RustEncoders.Loaded loaded = encoder("bpe.count", encoding);
        return loaded.encoder().count(text, loaded.mask(allowedSpecial));
    }

    /** {@code bpe.encode_batch}: {@code encode} of each text, spread over every core by Rust. */
    @HostAccess.Export
    public int[][] encode_batch(String encoding, List<String> texts, List<String> allowedSpecial) {
        RustEncoders.Loaded loaded = encoder("bpe.encode_batch", encoding);
        return loaded.encoder().encodeBatch(texts.toArray(new String[0]), loaded.mask(allowedSpecial));
    }

    /** {@code bpe.decode_bytes}: the bytes of the ids, concatenated. */
    @HostAccess.Export
    public byte[] decode_bytes(String encoding, int[] ids) {
        return encoder("bpe.decode_bytes", encoding).encoder().decodeBytes(ids);
    }

    private static RustEncoders.Loaded encoder(String kernel, String name) {
        try {
            return RustEncoders.get(name);
        } catch (IllegalArgumentException error) {
            throw new KernelException(kernel, error.getMessage());
        }
    }
}
