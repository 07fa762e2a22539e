package dev.tandem.cli;

import dev.tandem.KernelException;
import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.route.BackendUnavailableException;
import dev.tandem.route.Route;
import dev.tandem.route.Router;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem tokenize}: a text's BPE token ids (or their count), straight from the Java or
 * Rust backend of {@code bpe.encode} ({@code bpe.count}) that the {@link Router} picks; no
 * Python context is started, so it answers in well under a second, and the python backend is
 * not one it offers.
 */
@Command(name = "tokenize",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Print the token ids of a UTF-8 text (a file, or standard input) in a tiktoken",
                       "encoding, space-separated on one line, or only their number with --count."})
final class TokenizeCommand implements Callable<Integer> {
    @Option(names = {"-e", "--encoding"}, paramLabel = "NAME", defaultValue = "cl100k_base",
            description = "r50k_base, p50k_base, p50k_edit, cl100k_base or o200k_base (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--count", description = "Print only the number of tokens.")
    boolean count;

    @Option(names = "--special", description = "Encode special tokens such as <|endoftext|> as their ids "
            + "(by default they are plain text, as tiktoken's encode_ordinary does).")
    boolean special;

    @Mixin
    RoutingOptions routing;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The text; - or nothing for standard input.")
    String file;

    @Override
    public Integer call() {
        Invocation caller = Invocation.current();
        PrintStream out = new PrintStream(caller.stdout(), false, StandardCharsets.UTF_8);
        PrintStream err = caller.err();
        String text;
        try {
            text = decodeUtf8(file == null || file.equals("-") ? caller.stdin().readAllBytes()
                    : Files.readAllBytes(caller.resolve(file)));
        } catch (NoSuchFileException missing) {
            err.println("tandem tokenize: no such file: " + file);
            return 2;
        } catch (InvalidPathException bad) {
            err.println("tandem tokenize: not a file path: " + bad.getMessage());
            return 2;
        } catch (IllegalArgumentException malformed) {
            err.println("tandem tokenize: " + source() + " is not UTF-8: " + malformed.getMessage());
            return 2;
        } catch (IOException failure) {
            err.println("tandem tokenize: cannot read " + source() + ": " + failure.getMessage());
            return 2;
        }
        try {
            Router router = Router.builtin("tandem tokenize starts no Python; a script's tandem.tiktoken runs it");
            Route route = router.route(count ? "bpe.count" : "bpe.encode", routing.policy(caller.environment()));
            route.note().ifPresent(note -> err.println("tandem tokenize: " + note));
            List<String> allowed = special ? List.copyOf(Encodings.specialTokens(encoding).keySet()) : List.of();
            Object result = router.bind(route).call(encoding, text, allowed);
            out.println(count ? result : joined((int[]) result));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | KernelException | BackendUnavailableException bad) {
            err.println("tandem tokenize: " + bad.getMessage());
            return 2;
        }
    }

    private static String joined(int[] ids) {
        StringBuilder line = new StringBuilder(ids.length * 6);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(ids[i]);
        }
        return line.toString();
    }

    private String source() {
        return file == null || file.equals("-") ? "standard input" : file;
    }

    /** Strict UTF-8: a malformed byte is an error naming its offset, never a silent U+FFFD. */
    private static String decodeUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(input).toString();
        } catch (CharacterCodingException malformed) { // the buffer stops at the bad byte
            throw new IllegalArgumentException("malformed byte sequence at byte offset " + input.position());
        }
    }
}
