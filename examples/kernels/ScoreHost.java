import dev.tandem.Tandem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs score.py with all three backends of its kernel `myapp.score` available: the Python
 * reference the script declares, the Java lambda below, and the Rust function `myapp_score`
 * from native/ (build it first: cargo build --release --manifest-path examples/kernels/native/Cargo.toml),
 * once per backend named on the command line (default: python java rust auto).
 *
 * <p>From the repository root, after a build:
 * {@code java --module-path target/lib:target/tandem.jar --add-modules dev.tandem
 *  --enable-native-access=dev.tandem examples/kernels/ScoreHost.java "some words" python java rust}
 */
public final class ScoreHost {
    public static void main(String[] args) {
        String text = args.length > 0 ? args[0] : "The quick brown fox jumps over the lazy dog";
        List<String> backends = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("python", "java", "rust", "auto");
        Path library = Path.of("examples/kernels/native/target/release/libmyapp_score.so");
        for (String backend : backends) {
            try (Tandem tandem = Tandem.builder()
                    .javaKernel("myapp.score", arguments -> score((String) arguments[0]))
                    .rustKernel("myapp.score", library, "myapp_score", "i64(str)")
                    .backend(backend)
                    .poolSize(1)
                    .build()) {
                System.out.print(backend + ": ");
                System.out.flush();
                tandem.run(Path.of("examples/kernels/score.py"), text);
            }
        }
    }

    /** myapp.score in Java: the same rule as the Python reference and the Rust function. */
    static long score(String text) {
        long total = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[\\s\\p{Z}\\x85\\x1c-\\x1f]+")) {
            long letters = 0;
            for (int i = 0; i < word.length(); ) {
                int letter = word.codePointAt(i);
                letters += letterValue(letter);
                i += Character.charCount(letter);
            }
            total += letters * word.codePointCount(0, word.length());
        }
        return total;
    }

    static int letterValue(int letter) {
        return switch (letter) {
            case 'a', 'e', 'i', 'l', 'n', 'o', 'r', 's', 't', 'u' -> 1;
            case 'd', 'g' -> 2;
            case 'b', 'c', 'm', 'p' -> 3;
            case 'f', 'h', 'v', 'w', 'y' -> 4;
            case 'k' -> 5;
            case 'j', 'x' -> 8;
            case 'q', 'z' -> 10;
            default -> 0;
        };
    }
}
