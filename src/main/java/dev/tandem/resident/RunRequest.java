package dev.tandem.resident;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asks to run: its working directory, which of its descriptors 0-2 are
 * terminals, the tandem arguments and its environment (the RUN frame, strings each with a u32
 * length first). Bytes that are not UTF-8 decode as the JVM decodes them on the command line.
 */
record RunRequest(Path workingDirectory, boolean[] terminals, List<String> arguments, Map<String, String> environment) {

    static RunRequest parse(byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        try {
            Path cwd = Path.of(string(buffer));
            String ttys = string(buffer);
            if (ttys.length() != 3 || !ttys.matches("[01]{3}")) {
                throw new IOException("malformed terminal flags " + ttys);
            }
            boolean[] terminals = {ttys.charAt(0) == '1', ttys.charAt(1) == '1', ttys.charAt(2) == '1'};
            int argc = Integer.parseInt(string(buffer));
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < argc; i++) {
                arguments.add(string(buffer));
            }
            Map<String, String> environment = new LinkedHashMap<>();
            while (buffer.hasRemaining()) {
                String variable = string(buffer);
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    environment.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            if (!cwd.isAbsolute()) {
                throw new IOException("the working directory is not absolute: " + cwd);
            }
            return new RunRequest(cwd, terminals, List.copyOf(arguments), Map.copyOf(environment));
        } catch (BufferUnderflowException | IllegalArgumentException malformed) {
            throw new IOException("a malformed run request: " + malformed, malformed);
        }
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
