/** Tandem: Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust. */
module dev.tandem {
    requires org.graalvm.polyglot;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires java.management;
    requires java.logging;
    requires transitive java.scripting;
    // The resident process: the peer's uid on its Unix socket (jdk.net), and a run's SIGINT
    // handed to its script's handler (sun.misc.Signal, as GraalPy registers it).
    requires jdk.net;
    requires jdk.unsupported;

    exports dev.tandem;
    // Python calls the exported methods of these classes through GraalPy's host access.
    exports dev.tandem.route;
    exports dev.tandem.kernels.text;
    // Also the tokenizer's Java API for embedders (Encodings, Encoding).
    exports dev.tandem.kernels.bpe;
    exports dev.tandem.ffi;
    // Source maps: the API for embedders (SourceMap.parse, lookups) and the kernels.
    exports dev.tandem.sourcemap;
    // The linter: its driver for embedders (walk, pyproject.toml, output) and the kernels.
    exports dev.tandem.lint;
    // Python for javax.script (JSR-223): found by ScriptEngineManager on the module path.
    exports dev.tandem.script;
    provides javax.script.ScriptEngineFactory with dev.tandem.script.TandemScriptEngineFactory;

    // picocli fills the command objects reflectively.
    opens dev.tandem.cli to info.picocli;
}
