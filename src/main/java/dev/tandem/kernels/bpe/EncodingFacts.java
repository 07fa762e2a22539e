package dev.tandem.kernels.bpe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What defines a built-in encoding, rank data aside: the facts of tiktoken's
 * {@code tiktoken_ext/openai_public.py}, the same as python/tandem/bpe/__init__.py's {@code ENCODINGS}.
 * The rank files are class-path resources (the build unpacks them from the JTokkit jar) and are
 * checked against tiktoken's SHA-256 sums when loaded.
 *
 * @param nVocab tiktoken's n_vocab: the highest id plus one (some ids below it are unused:
 *     cl100k_base has none for 100256 and 100261..100275, o200k_base none for 199998 and
 *     200000..200017); checked against the loaded data
 */
record EncodingFacts(String name, PatternKind pattern, Map<String, Integer> specialTokens, String rankFile,
                     String rankFileSha256, int nVocab) {
    static final String ENDOFTEXT = "<|endoftext|>";
    static final String FIM_PREFIX = "<|fim_prefix|>";
    static final String FIM_MIDDLE = "<|fim_middle|>";
    static final String FIM_SUFFIX = "<|fim_suffix|>";
    static final String ENDOFPROMPT = "<|endofprompt|>";

    private static final String R50K_SHA256 = "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930";
    private static final String P50K_SHA256 = "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069";
    private static final String CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7";
    private static final String O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d";

    /** The five encodings, in tiktoken's order. */
    static final List<EncodingFacts> ALL = List.of(
            new EncodingFacts("r50k_base", PatternKind.R50K, specials(ENDOFTEXT, 50256),
                    "r50k_base.tiktoken", R50K_SHA256, 50257),
            new EncodingFacts("p50k_base", PatternKind.R50K, specials(ENDOFTEXT, 50256),
                    "p50k_base.tiktoken", P50K_SHA256, 50281),
            new EncodingFacts("p50k_edit", PatternKind.R50K,
                    specials(ENDOFTEXT, 50256, FIM_PREFIX, 50281, FIM_MIDDLE, 50282, FIM_SUFFIX, 50283),
                    "p50k_base.tiktoken", P50K_SHA256, 50284),
            new EncodingFacts("cl100k_base", PatternKind.CL100K,
                    specials(ENDOFTEXT, 100257, FIM_PREFIX, 100258, FIM_MIDDLE, 100259, FIM_SUFFIX, 100260,
                            ENDOFPROMPT, 100276),
                    "cl100k_base.tiktoken", CL100K_SHA256, 100277),
            new EncodingFacts("o200k_base", PatternKind.O200K, specials(ENDOFTEXT, 199999, ENDOFPROMPT, 200018),
                    "o200k_base.tiktoken", O200K_SHA256, 200019));

    /** The class-path resource holding the rank file (in this module, beside the classes). */
    String resource() {
        return "/dev/tandem/bpe/" + rankFile;
    }

    private static Map<String, Integer> specials(Object... tokenThenId) {
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int i = 0; i < tokenThenId.length; i += 2) {
            specials.put((String) tokenThenId[i], (Integer) tokenThenId[i + 1]);
        }
        return specials;
    }
}
