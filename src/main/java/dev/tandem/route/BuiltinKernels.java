package dev.tandem.route;

import dev.tandem.ffi.NativeLibrary;
import dev.tandem.kernels.bpe.BpeJava;
import dev.tandem.kernels.bpe.BpeRust;
import dev.tandem.lint.LintRust;
import dev.tandem.sourcemap.SourcemapJava;
import dev.tandem.sourcemap.SourcemapRust;
import dev.tandem.kernels.text.TextJava;
import dev.tandem.kernels.text.TextRust;

/** Tandem's own kernels and their host backends. */
final class BuiltinKernels {
    private BuiltinKernels() {}

    static void register(KernelRegistry registry) {
        for (String operation : new String[] {"codepoints", "fnv1a_32"}) {
            registry.add("text." + operation, Backend.JAVA, KernelBackend.of(TextJava::new, operation));
            registry.add("text." + operation, Backend.RUST,
                    new KernelBackend(TextRust::new, operation, () -> NativeLibrary.get().unavailableReason()));
        }
        for (String operation : new String[] {"encode_ordinary", "encode", "count", "encode_batch", "decode_bytes"}) {
            registry.add("bpe." + operation, Backend.JAVA, KernelBackend.of(BpeJava::new, operation));
            registry.add("bpe." + operation, Backend.RUST,
                    new KernelBackend(BpeRust::new, operation, () -> NativeLibrary.get().unavailableReason()));
        }
        registry.add("sourcemap.decode", Backend.JAVA, KernelBackend.of(SourcemapJava::new, "decode"));
        registry.add("sourcemap.decode", Backend.RUST,
                new KernelBackend(SourcemapRust::new, "decode", () -> NativeLibrary.get().unavailableReason()));
        for (String operation : new String[] {"check", "check_batch"}) {
            registry.add("lint." + operation, Backend.RUST,
                    new KernelBackend(LintRust::new, operation, () -> NativeLibrary.get().unavailableReason()));
        }
    }
}
