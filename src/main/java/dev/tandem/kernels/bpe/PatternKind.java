package dev.tandem.kernels.bpe;

/**
 * Which of tiktoken's pre-tokenization patterns an encoding splits text with. Each is a
 * hand-written scanner with the regex's exact semantics (see notes/tokenizer.md).
 */
public enum PatternKind {
    /** GPT-2's pattern: r50k_base, p50k_base, p50k_edit. */
    R50K(new Gpt2PreTokenizer()),
    /** cl100k_base's pattern. */
    CL100K(new Cl100kPreTokenizer()),
    /** o200k_base's pattern (words cut by case). */
    O200K(new O200kPreTokenizer());

    private final PreTokenizer preTokenizer;

    PatternKind(PreTokenizer preTokenizer) {
        this.preTokenizer = preTokenizer;
    }

    PreTokenizer preTokenizer() {
        return preTokenizer;
    }
}
