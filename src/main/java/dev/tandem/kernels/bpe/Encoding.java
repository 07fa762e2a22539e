package dev.tandem.kernels.bpe;

import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A tiktoken-compatible byte-pair encoding: the same token ids as OpenAI's tiktoken for the
 * same text. Get one from {@link Encodings#get} (the built-in encodings, loaded once per
 * process) or {@link Encodings#load} (a {@code .tiktoken} file of your own). Immutable and
 * thread-safe: share one instance.
 *
 * <pre>{@code
 * Encoding enc = Encodings.get("cl100k_base");
 * int[] ids = enc.encode("hello world");          // [15339, 1917]
 * String text = enc.decode(ids);                  // "hello world"
 * long n = enc.countTokens("hello world");        // 2
 * }</pre>
 *
 * <p>Special tokens ({@code <|endoftext|>} ...) follow tiktoken's rules: {@link #encode(String)}
 * refuses text containing one, {@link #encodeOrdinary} encodes them as plain text, and
 * {@link #encode(String, Set, Set)} says which become their ids. Lone surrogates in the text
 * are encoded as U+FFFD, as tiktoken does.
 */
public final class Encoding {
    private static final String ENDOFTEXT = "<|endoftext|>";

    private final String name;
    private final PatternKind pattern;
    private final RankTable ranks;
    private final Map<String, Integer> specialTokens;
    private final int nVocab;

    Encoding(String name, PatternKind pattern, RankTable ranks, Map<String, Integer> specialTokens) {
        this.name = name;
        this.pattern = pattern;
        this.ranks = ranks;
        this.specialTokens = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokens));
        int highest = ranks.maxRank();
        for (Map.Entry<String, Integer> special : specialTokens.entrySet()) {
            int id = special.getValue();
            if (special.getKey().isEmpty()) {
                throw new IllegalArgumentException(name + ": a special token is the empty string");
            }
            if (ranks.length(id) >= 0) {
                throw new IllegalArgumentException(name + ": special token " + special.getKey() + " has id " + id
                        + ", which is also the rank of a mergeable token");
            }
            highest = Math.max(highest, id);
        }
        this.nVocab = highest + 1;
    }

    /** The encoding's name, such as {@code cl100k_base}. */
    public String name() {
        return name;
    }

    /** The pre-tokenization pattern the encoding splits text with. */
    public PatternKind pattern() {
        return pattern;
    }

    /** The highest token id plus one, as tiktoken's {@code n_vocab} (some ids below it may be unused). */
    public int nVocab() {
        return nVocab;
    }

    /** The id of {@code <|endoftext|>}. */
    public int eotToken() {
        Integer id = specialTokens.get(ENDOFTEXT);
        if (id == null) {
            throw new NoSuchElementException(name + " has no " + ENDOFTEXT + " token");
        }
        return id;
    }

    /** The special tokens and their ids (unmodifiable, in definition order). */
    public Map<String, Integer> specialTokens() {
        return specialTokens;
    }

    // Encoding ----------------------------------------------------------------------------------

    /** The ids of {@code text}, special tokens encoded as the plain text they are. */
    public int[] encodeOrdinary(String text) {
        return encodeInto(text, List.of(), TokenBuffer.forIds(text.length())).toArray();
    }

    /**
     * The ids of {@code text} with tiktoken's defaults: no special token allowed, all disallowed,
     * so text containing one (say {@code <|endoftext|>}) is refused with an IllegalArgumentException.
     */
    public int[] encode(String text) {
        return encode(text, Set.of());
    }

    /**
     * The ids of {@code text}; {@code allowedSpecial} become their ids, any other special
     * token in the text is refused (tiktoken's {@code disallowed_special="all"}).
     */
    public int[] encode(String text, Set<String> allowedSpecial) {
        return encode(text, allowedSpecial, notAllowed(allowedSpecial));
    }

    /**
     * The ids of {@code text}, as tiktoken's {@code encode(text, allowed_special=...,
     * disallowed_special=...)}: the special tokens in {@code allowedSpecial} become their ids;
     * if the text contains any string of {@code disallowedSpecial} (special token or not), an
     * IllegalArgumentException names it; special tokens in neither set are plain text. Strings
     * in {@code allowedSpecial} that are no special token of this encoding are ignored, as in
     * tiktoken.
     */
    public int[] encode(String text, Set<String> allowedSpecial, Set<String> disallowedSpecial) {
        checkDisallowed(text, disallowedSpecial);
        return encodeInto(text, allowed(allowedSpecial), TokenBuffer.forIds(text.length())).toArray();
    }

    /** The ids of {@code text} with every special token allowed (tiktoken's {@code allowed_special="all"}). */
    public int[] encodeAllowingAll(String text) {
        return encode(text, specialTokens.keySet(), Set.of());
    }

    /**
     * The pre-tokenizer's pieces of {@code text} (special tokens not recognised, lone surrogates
     * as U+FFFD): byte-pair merging never crosses a piece boundary. For inspection and tests.
     */
    public List<String> pieces(String text) {
        char[] chars = text.toCharArray();
        Utf8.replaceLoneSurrogates(chars);
        PreTokenizer preTokenizer = pattern.preTokenizer();
        List<String> pieces = new ArrayList<>();
        for (int start = 0, end; start < chars.length; start = end) {
            end = preTokenizer.pieceEnd(chars, start, chars.length);
            pieces.add(new String(chars, start, end - start));
        }
        return pieces;
    }

    /** The number of tokens {@link #encodeOrdinary} gives, without building the array. */
    public long countTokens(String text) {
        return encodeInto(text, List.of(), TokenBuffer.forCount()).size();
    }

    /** The number of tokens {@link #encode(String, Set, Set)} gives, without building the array. */
    public long countTokens(String text, Set<String> allowedSpecial, Set<String> disallowedSpecial) {
        checkDisallowed(text, disallowedSpecial);
        return encodeInto(text, allowed(allowedSpecial), TokenBuffer.forCount()).size();
    }

    /**
     * Encodes with {@code allowed} special tokens cutting the text (the caller has done the
     * disallowed check). Package-private for the kernel, which gets the allowed ones as a list.
     */
    TokenBuffer encodeInto(String text, List<String> allowed, TokenBuffer out) {
        return encodeInto(text, allowed, out, Cancellation.current());
    }

    /** {@link #encodeInto(String, List, TokenBuffer)} for a thread that works for another's call. */
    TokenBuffer encodeInto(String text, List<String> allowed, TokenBuffer out, Cancellation cancellation) {
        char[] chars = text.toCharArray();
        Utf8.replaceLoneSurrogates(chars);
        Encoder encoder = new Encoder(chars, cancellation);
        if (allowed.isEmpty()) {
            encoder.encodeStretch(0, chars.length, out);
            return out;
        }
        SpecialTokenFinder finder = new SpecialTokenFinder(text, allowed);
        int start = 0;
        while (finder.next(start)) {
            encoder.encodeStretch(start, finder.start(), out);
            out.add(specialTokens.get(finder.token()));
            start = finder.start() + finder.token().length();
        }
        encoder.encodeStretch(start, chars.length, out);
        return out;
    }

    /** The special tokens of {@code allowedSpecial}, longest first, as the finder wants them. */
    List<String> allowed(Collection<String> allowedSpecial) {
        List<String> allowed = new ArrayList<>(allowedSpecial.size());
        for (String token : specialTokens.keySet()) {
            if (allowedSpecial.contains(token)) {
                allowed.add(token);
            }
        }
        allowed.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return allowed;
    }

    private Set<String> notAllowed(Set<String> allowedSpecial) {
        Set<String> disallowed = new HashSet<>(specialTokens.keySet());
        disallowed.removeAll(allowedSpecial);
        return disallowed;
    }

    private void checkDisallowed(String text, Set<String> disallowedSpecial) {
        String found = null;
        int foundAt = Integer.MAX_VALUE;
        for (String token : disallowedSpecial) {
            int at = token.isEmpty() ? -1 : text.indexOf(token);
            if (at >= 0 && (at < foundAt || at == foundAt && token.length() > found.length())) {
                found = token;
                foundAt = at;
            }
        }
        if (found != null) {
            throw new IllegalArgumentException("the text contains the special token " + quote(found)
                    + " (at char " + foundAt + "), which is disallowed. To encode it as the special token, "
                    + "allow it; to encode it as plain text, leave it out of the disallowed set.");
        }
    }

    private static String quote(String token) {
        return "'" + token + "'";
    }

    /**
     * One encode call's scratch: the text's chars and buffers for a piece's bytes and merges.
     * It polls the call's {@link Cancellation} every {@link BytePairMerger#POLL_WORK} chars.
     */
    private final class Encoder {
        private final char[] text;
        private final PreTokenizer preTokenizer = pattern.preTokenizer();
        private final Cancellation cancellation;
        private int sincePoll;
        private byte[] bytes = new byte[256];
        private BytePairMerger merger;

        Encoder(char[] text, Cancellation cancellation) {
            this.text = text;
            this.cancellation = cancellation;
        }

        /** A stretch without special tokens: pieces, then BPE on each piece's UTF-8 bytes. */
        void encodeStretch(int from, int to, TokenBuffer out) {
            RankTable ranks = Encoding.this.ranks;
            char[] text = this.text;
            int start = from;
            while (start < to) {
                int end = preTokenizer.pieceEnd(text, start, to);
                sincePoll += end - start;
                if (sincePoll >= BytePairMerger.POLL_WORK) {
                    sincePoll = 0;
                    cancellation.check(BytePairMerger.KERNEL);
                }
                if (end - start == 1 && text[start] < 0x80) {
                    out.add(ranks.byteRank((byte) text[start]));
                } else {
                    if (bytes.length < 3 * (end - start)) {
                        bytes = new byte[Math.max(3 * (end - start), 2 * bytes.length)];
                    }
                    int length = Utf8.encode(text, start, end, bytes);
                    int rank = ranks.rank(bytes, 0, length);
                    if (rank != RankTable.NONE) { // most pieces are one token
                        out.add(rank);
                    } else {
                        if (merger == null) {
                            merger = new BytePairMerger(ranks, cancellation);
                        }
                        merger.merge(bytes, length, out);
                    }
                }
                start = end;
            }
        }
    }

    // Decoding ----------------------------------------------------------------------------------

    /**
     * The bytes the ids stand for, concatenated (not necessarily valid UTF-8); special tokens
     * give their UTF-8 text.
     *
     * @throws IllegalArgumentException {@code Invalid token for decoding: N} for an id the
     *     encoding does not have (tiktoken's message)
     */
    public byte[] decodeBytes(int[] ids) {
        int total = 0;
        for (int id : ids) {
            int length = ranks.length(id);
            total += length >= 0 ? length : specialBytes(id).length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int id : ids) {
            int length = ranks.copyBytes(id, out, at);
            if (length < 0) {
                byte[] special = specialBytes(id);
                System.arraycopy(special, 0, out, at, special.length);
                length = special.length;
            }
            at += length;
        }
        return out;
    }

    /**
     * The text of the ids; invalid UTF-8 (a token may be part of a character) becomes U+FFFD
     * exactly as Python's {@code bytes.decode("utf-8", "replace")} does it, as tiktoken's
     * {@code decode}.
     */
    public String decode(int[] ids) {
        return Utf8.decodeReplacing(decodeBytes(ids));
    }

    /** The bytes of one token id. */
    public byte[] decodeSingleTokenBytes(int id) {
        return decodeBytes(new int[] {id});
    }

    private byte[] specialBytes(int id) {
        for (Map.Entry<String, Integer> special : specialTokens.entrySet()) {
            if (special.getValue() == id) {
                return special.getKey().getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("Invalid token for decoding: " + id);
    }

    @Override
    public String toString() {
        return "Encoding[" + name + "]";
    }
}
