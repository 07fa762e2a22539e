package dev.tandem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ffi.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads {@code cargo build --message-format=json}'s output for the library a crate built. */
final class CargoMessages {
    private CargoMessages() {}

    /**
     * The cdylib that cargo reports having built for the package of {@code manifest}, or null
     * when its messages name none. Reads {@code messages} to the end, so that cargo never blocks
     * on a full pipe.
     */
    static Path cdylib(InputStream messages, Path manifest) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path found = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(messages, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode message;
                try {
                    message = json.readTree(line);
                } catch (JsonProcessingException notJson) {
                    continue; // a build script's own output
                }
                if (!"compiler-artifact".equals(message.path("reason").asText())
                        || !manifest.equals(Path.of(message.path("manifest_path").asText()).toAbsolutePath().normalize())) {
                    continue;
                }
                boolean cdylib = false;
                for (JsonNode kind : message.path("target").path("crate_types")) {
                    cdylib |= "cdylib".equals(kind.asText());
                }
                String library = Platform.current().libraryFileName(message.path("target").path("name").asText().replace('-', '_'));
                for (JsonNode file : message.path("filenames")) {
                    if (cdylib && Path.of(file.asText()).getFileName().toString().equals(library)) {
                        found = Path.of(file.asText());
                    }
                }
            }
        }
        return found;
    }
}
