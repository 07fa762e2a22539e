package dev.tandem.kernels.bpe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Rust backend's encodings, loaded into native memory once per process on first use and
 * shared by every context and thread, like {@link Encodings} for the Java backend; the built-in
 * ones are built from the tokens of the binary rank cache ({@link RankCache}), not the text.
 */
final class RustEncoders {
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private RustEncoders() {}

    /** A loaded encoder and its special tokens in the order that numbers the allowed-mask bits. */
    record Loaded(RustEncoder encoder, String[] specials) {
        long mask(Iterable<String> allowedSpecial) {
            long mask = 0;
            for (String token : allowedSpecial) {
                for (int bit = 0; bit < specials.length; bit++) {
                    if (specials[bit].equals(token)) {
                        mask |= 1L << bit;
                    }
                }
            }
            return mask; // strings that are no special token are ignored, as tiktoken does
        }
    }

    /** @throws IllegalArgumentException for an unknown name, with the message Java's backend gives */
    static Loaded get(String name) {
        Loaded loaded = LOADED.get(name);
        if (loaded != null) {
            return loaded;
        }
        Encodings.Definition defined = Encodings.defined(name);
        return defined != null ? loadDefined(name, defined) : load(Encodings.facts(name));
    }

    private static synchronized Loaded loadDefined(String name, Encodings.Definition defined) {
        return LOADED.computeIfAbsent(name, key -> new Loaded(
                RustEncoder.load(defined.rankFile(), patternNumber(defined.pattern()), new LinkedHashMap<>()),
                new String[0]));
    }

    private static synchronized Loaded load(EncodingFacts facts) {
        Loaded loaded = LOADED.get(facts.name()); // another thread may have loaded it meanwhile
        if (loaded == null) {
            LinkedHashMap<String, Integer> specials = new LinkedHashMap<>(facts.specialTokens());
            RustEncoder encoder = RankCache.withTokens(facts,
                    tokens -> RustEncoder.load(tokens, patternNumber(facts.pattern()), specials));
            loaded = new Loaded(encoder, specials.keySet().toArray(new String[0]));
            LOADED.put(facts.name(), loaded);
        }
        return loaded;
    }

    private static int patternNumber(PatternKind pattern) {
        return switch (pattern) {
            case R50K -> RustEncoder.PATTERN_R50K;
            case CL100K -> RustEncoder.PATTERN_CL100K;
            case O200K -> RustEncoder.PATTERN_O200K;
        };
    }
}
