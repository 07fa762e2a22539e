package dev.tandem.kernels.bpe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tiktoken encodings: {@code r50k_base}, {@code p50k_base}, {@code p50k_edit},
 * {@code cl100k_base}, {@code o200k_base}. Each is loaded on first use, once per process, and
 * shared by all callers and threads (p50k_base and p50k_edit share one rank table); the parsed
 * tables are cached on disk ({@link RankCache}), so only the first process on a machine parses.
 *
 * <pre>{@code
 * Encoding enc = Encodings.get("o200k_base");
 * Encoding mine = Encodings.load(Path.of("my.tiktoken"), "mine", PatternKind.CL100K,
 *         Map.of("<|endoftext|>", 100257));
 * }</pre>
 */
public final class Encodings {
    private static final Map<String, Encoding> LOADED = new ConcurrentHashMap<>();
    /** Rank tables by rank file, so encodings sharing a file share the table. */
    private static final Map<String, RankTable> TABLES = new ConcurrentHashMap<>();
    /** Encodings defined at run time ({@link #define}), by name. */
    private static final Map<String, Definition> DEFINED = new ConcurrentHashMap<>();
    /** At most this many definitions per process: each holds a vocabulary in memory for good. */
    static final int MAX_DEFINED = 32;
    /** The largest rank data {@link #define} takes (o200k_base's file is 3.6 MB). */
    static final int MAX_DEFINED_BYTES = 64 << 20;

    /** An encoding defined at run time: a pattern and a rank file, no special tokens. */
    record Definition(PatternKind pattern, byte[] rankFile) {
    }

    private Encodings() {
    }

    /** The names of the built-in encodings, in tiktoken's order. */
    public static List<String> names() {
        return EncodingFacts.ALL.stream().map(EncodingFacts::name).toList();
    }

    /**
     * The named built-in encoding, loaded (and its rank file checked) on the first call.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     * @throws IllegalStateException when the rank file is missing from the class path or damaged
     */
    public static Encoding get(String name) {
        Encoding loaded = LOADED.get(name);
        if (loaded != null) {
            return loaded;
        }
        Definition defined = DEFINED.get(name);
        return defined != null ? loadDefined(name, defined) : load(facts(name));
    }

    /**
     * Defines an encoding from a user's {@code .tiktoken} data, without special tokens (the
     * caller handles those), under {@code name}, so that {@link #get} and the Rust backend find
     * it; the rank data is parsed on first use. Defining a name again changes nothing: names are
     * given by content (Python's {@code tandem.bpe.define}).
     *
     * @return false when {@link #MAX_DEFINED} encodings are defined already
     * @throws IllegalArgumentException when the name is a built-in encoding's, or the data is
     *     larger than {@link #MAX_DEFINED_BYTES}
     */
    public static boolean define(String name, PatternKind pattern, byte[] rankFile) {
        if (rankFile.length > MAX_DEFINED_BYTES) {
            throw new IllegalArgumentException("rank data of " + rankFile.length + " bytes; at most "
                    + MAX_DEFINED_BYTES + " are taken");
        }
        if (EncodingFacts.ALL.stream().anyMatch(facts -> facts.name().equals(name))) {
            throw new IllegalArgumentException("cannot define '" + name + "': a built-in encoding has that name");
        }
        synchronized (DEFINED) {
            if (!DEFINED.containsKey(name) && DEFINED.size() >= MAX_DEFINED) {
                return false;
            }
            DEFINED.putIfAbsent(name, new Definition(pattern, rankFile.clone()));
            return true;
        }
    }

    /** The definition of an encoding {@link #define} was given, or null. */
    static Definition defined(String name) {
        return DEFINED.get(name);
    }

    private static synchronized Encoding loadDefined(String name, Definition defined) {
        return LOADED.computeIfAbsent(name,
                key -> new Encoding(key, defined.pattern(), RankFile.parse(defined.rankFile(), key), Map.of()));
    }

    /**
     * An encoding from a {@code .tiktoken} file of your own ({@code BASE64 RANK} lines, strictly
     * checked: see the errors), split with {@code pattern}, with {@code specialTokens} (whose ids
     * must differ from every rank). Not cached: keep the result.
     *
     * @throws IllegalArgumentException when the file is malformed, naming the line, or lacks a
     *     token for some single byte
     * @throws UncheckedIOException when it cannot be read
     */
    public static Encoding load(Path tiktokenFile, String name, PatternKind pattern, Map<String, Integer> specialTokens) {
        byte[] contents;
        try {
            contents = Files.readAllBytes(tiktokenFile);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot read the rank file " + tiktokenFile + ": " + error, error);
        }
        return new Encoding(name, pattern, RankFile.parse(contents, tiktokenFile.toString()), specialTokens);
    }

    /**
     * The named built-in encoding, its rank table read from (or, the first time, parsed into)
     * the binary cache in {@code cacheDirectory} rather than the default one ({@code
     * ${XDG_CACHE_HOME:-~/.cache}/tandem/bpe}, or the system property {@code tandem.bpe.cache});
     * for a deployment that keeps its caches elsewhere. Not kept: {@link #get} is unaffected.
     * A cache file that is damaged or made from other data is rebuilt, never used.
     *
     * @throws IllegalArgumentException for an unknown name or an encoding defined at run time
     */
    public static Encoding loadCached(String name, Path cacheDirectory) {
        EncodingFacts facts = facts(name);
        return encoding(facts, RankCache.table(facts, cacheDirectory));
    }

    /**
     * The special tokens of the named encoding and their ids, without loading its ranks.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static Map<String, Integer> specialTokens(String name) {
        return facts(name).specialTokens();
    }

    /**
     * The bytes of the rank file Tandem packs for the named encoding, checked against
     * tiktoken's SHA-256 sum.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static byte[] rankFile(String name) {
        return readChecked(facts(name));
    }

    static EncodingFacts facts(String name) {
        for (EncodingFacts facts : EncodingFacts.ALL) {
            if (facts.name().equals(name)) {
                return facts;
            }
        }
        throw new IllegalArgumentException("unknown encoding '" + name + "'; known: " + String.join(", ", names()));
    }

    private static synchronized Encoding load(EncodingFacts facts) {
        Encoding loaded = LOADED.get(facts.name()); // another thread may have loaded it meanwhile
        if (loaded != null) {
            return loaded;
        }
        RankTable table = TABLES.get(facts.rankFile());
        if (table == null) {
            table = RankCache.table(facts);
            TABLES.put(facts.rankFile(), table);
        }
        Encoding encoding = encoding(facts, table);
        LOADED.put(facts.name(), encoding);
        return encoding;
    }

    private static Encoding encoding(EncodingFacts facts, RankTable table) {
        Encoding encoding = new Encoding(facts.name(), facts.pattern(), table, facts.specialTokens());
        if (encoding.nVocab() != facts.nVocab()) {
            throw new IllegalStateException(facts.name() + ": n_vocab is " + encoding.nVocab() + ", expected "
                    + facts.nVocab() + " (is " + facts.rankFile() + " the right file?)");
        }
        return encoding;
    }

    /** The rank file's bytes from the class path, after checking tiktoken's SHA-256 sum. */
    static byte[] readChecked(EncodingFacts facts) {
        byte[] contents;
        try (InputStream in = Encodings.class.getResourceAsStream(facts.resource())) {
            if (in == null) {
                throw new IllegalStateException(facts.name() + ": the rank file " + facts.resource()
                        + " is not on the class path (the build unpacks it from the JTokkit jar: run mvn package)");
            }
            contents = in.readAllBytes();
        } catch (IOException error) {
            throw new UncheckedIOException("cannot read " + facts.resource() + ": " + error, error);
        }
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents));
        } catch (NoSuchAlgorithmException impossible) { // every JDK has SHA-256
            throw new IllegalStateException(impossible);
        }
        if (!sha256.equals(facts.rankFileSha256())) {
            throw new IllegalStateException(facts.name() + ": " + facts.resource() + " is not " + facts.rankFile()
                    + ": its SHA-256 is " + sha256 + ", expected " + facts.rankFileSha256());
        }
        return contents;
    }
}
