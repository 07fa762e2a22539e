package dev.tandem.ffi;

import java.util.Locale;

/**
 * The operating system and processor this JVM runs on, in the names under which the build
 * packs the native library ({@code dev/tandem/native/<os>-<arch>/}; pom.xml derives the same
 * names). Only 64-bit platforms are supported, which {@link NativeLibrary#SIZE_T} relies on.
 */
public record Platform(String os, String arch) {
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Normalises Java's {@code os.name} and {@code os.arch}; unknown names pass through lower-cased. */
    public static Platform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") ? "macos"
                : name.startsWith("windows") ? "windows"
                : name.replace(' ', '_');
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return new Platform(os, arch);
    }

    public boolean isSupported() {
        return (os.equals("linux") || os.equals("macos") || os.equals("windows"))
                && (arch.equals("x86_64") || arch.equals("aarch64"));
    }

    /** Such as {@code linux-x86_64}. */
    public String id() {
        return os + "-" + arch;
    }

    /** The file name of the {@code tandem_native} library here, such as {@code libtandem_native.so}. */
    public String libraryFileName() {
        return libraryFileName("tandem_native");
    }

    /** The file name of the library {@code name} here, such as {@code libtandem_ruff.so}. */
    public String libraryFileName(String name) {
        return switch (os) {
            case "windows" -> name + ".dll";
            case "macos" -> "lib" + name + ".dylib";
            default -> "lib" + name + ".so";
        };
    }
}
