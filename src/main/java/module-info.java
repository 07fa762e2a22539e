/** Tandem: Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust. */
module dev.tandem {
    requires org.graalvm.polyglot;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires java.management;
    requires java.logging;
    // The resident process: the peer's uid on its Unix socket (jdk.net), and a run's SIGINT
    // handed to its script's handler (sun.misc.Signal, as GraalPy registers it).
    requires jdk.net;
    requires jdk.unsupported;

    exports dev.tandem;
    // Python calls the exported methods of these classes through GraalPy's host access.
    exports dev.tandem.route;
    exports dev.tandem.kernels.text;
    exports dev.tandem.kernels.sourcemap;
    exports dev.tandem.kernels.lint;
    // Also the tokenizer's Java API for embedders (Encodings, Encoding).
    exports dev.tandem.kernels.bpe;
    exports dev.tandem.ffi;
    // The source-map API for embedders (SourceMap.parse, lookups).
    exports dev.tandem.sourcemap;
    // The linter's driver for embedders (walk, pyproject.toml, output); tandem lint uses it.
    exports dev.tandem.lint;

    // picocli fills the command objects reflectively.
    opens dev.tandem.cli to info.picocli;
}
