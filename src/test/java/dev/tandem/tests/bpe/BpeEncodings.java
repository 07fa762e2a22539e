package dev.tandem.tests.bpe;

import dev.tandem.kernels.bpe.RustEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The five encodings for the Rust backend's tests, as python/tandem/bpe/__init__.py's ENCODINGS
 * defines them: rank file, pattern and special tokens.
 */
final class BpeEncodings {
    static final List<String> NAMES = List.of("r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base");

    private BpeEncodings() {
    }

    static RustEncoder load(String name) {
        LinkedHashMap<String, Integer> specials = new LinkedHashMap<>();
        return switch (name) {
            case "r50k_base" -> {
                specials.put("<|endoftext|>", 50256);
                yield RustEncoder.load(rankFile("r50k_base"), RustEncoder.PATTERN_R50K, specials);
            }
            case "p50k_base" -> {
                specials.put("<|endoftext|>", 50256);
                yield RustEncoder.load(rankFile("p50k_base"), RustEncoder.PATTERN_R50K, specials);
            }
            case "p50k_edit" -> {
                specials.put("<|endoftext|>", 50256);
                specials.put("<|fim_prefix|>", 50281);
                specials.put("<|fim_middle|>", 50282);
                specials.put("<|fim_suffix|>", 50283);
                yield RustEncoder.load(rankFile("p50k_base"), RustEncoder.PATTERN_R50K, specials);
            }
            case "cl100k_base" -> {
                specials.put("<|endoftext|>", 100257);
                specials.put("<|fim_prefix|>", 100258);
                specials.put("<|fim_middle|>", 100259);
                specials.put("<|fim_suffix|>", 100260);
                specials.put("<|endofprompt|>", 100276);
                yield RustEncoder.load(rankFile("cl100k_base"), RustEncoder.PATTERN_CL100K, specials);
            }
            case "o200k_base" -> {
                specials.put("<|endoftext|>", 199999);
                specials.put("<|endofprompt|>", 200018);
                yield RustEncoder.load(rankFile("o200k_base"), RustEncoder.PATTERN_O200K, specials);
            }
            default -> throw new IllegalArgumentException("unknown encoding " + name);
        };
    }

    /**
     * The bytes of the rank file the build packs as {@code dev/tandem/bpe/<file>.tiktoken}.
     * Read from Tandem's class directory, not with getResourceAsStream: the resources of
     * the named module dev.tandem are encapsulated from these class-path tests.
     */
    static byte[] rankFile(String file) {
        try {
            Path classes = Path.of(RustEncoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path rankFile = classes.resolve("dev/tandem/bpe/" + file + ".tiktoken");
            if (!Files.isRegularFile(rankFile)) {
                throw new IllegalStateException(rankFile + " is missing (the build unpacks it from JTokkit)");
            }
            return Files.readAllBytes(rankFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
