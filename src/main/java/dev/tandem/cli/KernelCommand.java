package dev.tandem.cli;

import dev.tandem.ffi.KernelLibrary;
import dev.tandem.ffi.LibraryKernel;
import dev.tandem.route.UserKernels;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem kernel new NAME} and {@code tandem kernel build PATH}: a user's Rust kernels. */
@Command(name = "kernel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Make and build a crate of Rust kernels (then: tandem run --kernels PATH).",
        subcommands = {KernelCommand.New.class, KernelCommand.Build.class})
final class KernelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("tandem kernel needs a command: new NAME or build PATH");
    }

    /** The installation's kernel SDK crate, which scaffolded crates depend on by path. */
    static Path sdk() {
        String home = System.getProperty("tandem.home");
        if (home == null) {
            throw new UsageException("tandem kernel new must run from a Tandem installation (tandem.home is not set)");
        }
        return Path.of(home, "native", "kernel").toAbsolutePath().normalize();
    }

    @Command(name = "new", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Make a crate NAME/ of Rust kernels, their Python references and a test.",
                           "Cargo.toml depends on this installation's SDK; src/lib.rs has the kernels NAME.words",
                           "and NAME.ratio, NAME.py their references, test_NAME.py every backend against them."})
    static final class New implements Callable<Integer> {
        private static final List<String[]> FILES = List.of(
                new String[] {"Cargo.toml.txt", "Cargo.toml"},
                new String[] {"lib.rs.txt", "src/lib.rs"},
                new String[] {"reference.py.txt", "%s.py"},
                new String[] {"test.py.txt", "test_%s.py"});

        @Parameters(paramLabel = "NAME", description = "The crate's directory; its last part, a lowercase identifier, names the kernels' area.")
        String directory;

        @Override
        public Integer call() throws IOException {
            Invocation caller = Invocation.current();
            Path crate = caller.resolve(directory);
            String name = crate.getFileName().toString();
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new UsageException("'" + name + "' is not a lowercase identifier (letters, digits, _): it names the kernels, as "
                        + name + ".words");
            }
            if (Files.exists(crate)) {
                throw new UsageException(crate + " exists already");
            }
            String sdk = sdk().toString();
            for (String[] file : FILES) {
                Path target = crate.resolve(file[1].formatted(name));
                Files.createDirectories(target.getParent());
                Files.writeString(target, template(file[0]).replace("{{name}}", name).replace("{{sdk}}", sdk));
            }
            PrintStream out = new PrintStream(caller.stdout(), true, StandardCharsets.UTF_8);
            out.println("made " + crate + "; next: tandem kernel build " + directory + " && cd " + directory
                    + " && tandem run --kernels . test_" + name + ".py");
            return 0;
        }

        private static String template(String file) throws IOException {
            try (InputStream in = KernelCommand.class.getResourceAsStream("kernel-template/" + file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Build a crate of kernels (cargo build --release) and list its kernels.",
                           "Checks the library's manifest, prints where the library is, and writes the",
                           "kernels' type stubs, one AREA.pyi per area, into the crate's typings/."})
    static final class Build implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "The crate's directory.", defaultValue = ".")
        String directory;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Invocation caller = Invocation.current();
            Path crate = caller.resolve(directory).toAbsolutePath().normalize();
            if (!Files.isRegularFile(crate.resolve("Cargo.toml"))) {
                throw new UsageException(crate + " has no Cargo.toml: not a crate");
            }
            Process cargo;
            try {
                // cargo's messages name the library it made, wherever its target directory is.
                cargo = new ProcessBuilder("cargo", "build", "--release", "--message-format=json-render-diagnostics",
                        "--manifest-path", crate.resolve("Cargo.toml").toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException noCargo) {
                throw new UsageException("cannot run cargo (install Rust from https://rustup.rs): " + noCargo.getMessage());
            }
            Path built = CargoMessages.cdylib(cargo.getInputStream(), crate.resolve("Cargo.toml"));
            int status = cargo.waitFor();
            if (status != 0) {
                caller.err().println("tandem kernel build: cargo build failed with status " + status);
                return status;
            }
            Path library;
            KernelLibrary loaded;
            try {
                library = built != null ? built
                        : UserKernels.builtLibrary(crate, UserKernels.cargoTargetDir(caller.environment(), caller::resolve));
                loaded = KernelLibrary.load(library);
            } catch (IllegalArgumentException invalid) {
                caller.err().println("tandem kernel build: " + invalid.getMessage());
                return 1;
            }
            PrintStream out = new PrintStream(caller.stdout(), true, StandardCharsets.UTF_8);
            out.println(library);
            for (LibraryKernel kernel : loaded.kernels()) {
                String doc = kernel.doc().lines().findFirst().orElse("");
                out.println("  " + kernel.name() + "  " + kernel.signature() + (doc.isEmpty() ? "" : "  " + doc));
            }
            for (Path stub : KernelStubs.write(loaded, crate.resolve("typings"))) {
                out.println("stubs: " + stub);
            }
            return 0;
        }
    }
}
