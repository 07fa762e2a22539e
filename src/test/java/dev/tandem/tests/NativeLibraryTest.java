package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.KernelException;
import dev.tandem.ffi.LibraryCache;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Platform;
import dev.tandem.tests.testing.TandemProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Rust library is packed, installed, loaded and guarded at its boundary. */
class NativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void loadsThePackedLibraryAndReportsAbiVersion1() throws Throwable {
        NativeLibrary library = NativeLibrary.get();
        assertTrue(library.isLoaded(), library::summary);
        Path path = library.path().orElseThrow();
        assertEquals(Platform.current().libraryFileName(), path.getFileName().toString());
        assertTrue(Files.isRegularFile(path));
        assertEquals("loaded (" + path + ")", library.summary());
        assertTrue(library.unavailableReason().isEmpty());
        MethodHandle version = library.downcall("tandem_abi_version", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        assertEquals(NativeLibrary.ABI_VERSION, (int) version.invokeExact());
    }

    @Test
    void anUnknownSymbolIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeLibrary.get().downcall("tandem_no_such_thing", FunctionDescriptor.ofVoid()));
        assertTrue(e.getMessage().endsWith("has no symbol tandem_no_such_thing"), e.getMessage());
    }

    @Test
    void aRustPanicBecomesAKernelExceptionAndTheJvmCarriesOn() throws Throwable {
        MethodHandle panic = NativeLibrary.get().downcall("tandem_debug_panic", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        for (int i = 0; i < 3; i++) {
            int status = (int) panic.invokeExact();
            assertEquals(NativeStatus.PANIC, status);
            KernelException e = assertThrows(KernelException.class, () -> NativeStatus.check(status, "debug.panic"));
            assertEquals("debug.panic", e.kernel());
            assertTrue(e.getMessage().matches("debug\\.panic: the Rust backend panicked \\(a bug in Tandem\\): "
                    + "tandem_debug_panic was called at src/ffi\\.rs:\\d+"), e.getMessage());
        }
        MethodHandle version = NativeLibrary.get().downcall("tandem_abi_version", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        assertEquals(NativeLibrary.ABI_VERSION, (int) version.invokeExact());
    }

    @Test
    void theCacheKeepsOneFilePerContentAndRewritesOneOfAnotherSize() throws IOException {
        Path root = dir.resolve("cache");
        byte[] one = {1, 2, 3};
        Path first = install(one, root);
        assertEquals(root.resolve(sha256(one).substring(0, 16)), first.getParent());
        assertArrayEquals(one, Files.readAllBytes(first));

        // A file there with the recorded size was put there whole: it is used without reading.
        assertEquals(first, LibraryCache.install(sha256(one), one.length, () -> fail("read again"), "libx.so", root));

        Files.write(first, new byte[] {9, 9});
        assertEquals(first, install(one, root));
        assertArrayEquals(one, Files.readAllBytes(first));

        Path other = install(new byte[] {4, 5}, root);
        assertNotEquals(first.getParent(), other.getParent());
        try (var files = Files.list(first.getParent())) {
            assertEquals(List.of("libx.so", "libx.so.verified"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void aNewCopyPrunesOldCopiesOfTheSameLibraryButKeepsTheLastUsedAndTheRecent() throws IOException {
        Path root = dir.resolve("cache");
        Instant now = Instant.now();
        List<Path> old = new ArrayList<>();
        for (int hoursAgo = 2; hoursAgo <= 6; hoursAgo++) { // five builds, last used 2 to 6 hours ago
            Path copy = install(new byte[] {(byte) hoursAgo}, root);
            Files.setLastModifiedTime(copy.resolveSibling("libx.so.verified"), FileTime.from(now.minus(Duration.ofHours(hoursAgo))));
            old.add(copy);
        }
        Path recent = install(new byte[] {42}, root); // used ten minutes ago
        Files.setLastModifiedTime(recent.resolveSibling("libx.so.verified"), FileTime.from(now.minus(Duration.ofMinutes(10))));
        Path otherLibrary = LibraryCache.install(sha256(new byte[] {8}), 1, () -> new byte[] {8}, "liby.so", root);
        Files.setLastModifiedTime(otherLibrary.resolveSibling("liby.so.verified"), FileTime.from(now.minus(Duration.ofDays(9))));

        Path fresh = install(new byte[] {99}, root);

        // Three copies of libx.so stay: the new one and the two used last (ten minutes and two hours ago).
        assertTrue(Files.exists(fresh) && Files.exists(recent) && Files.exists(otherLibrary));
        assertTrue(Files.exists(old.get(0)), "the copy used 2 hours ago stays");
        for (Path pruned : old.subList(1, old.size())) {
            assertFalse(Files.exists(pruned.getParent()), pruned + " is removed with its directory");
        }
        // Beyond the three, a copy used within the hour stays too: another process may be loading it.
        Files.setLastModifiedTime(old.get(0).resolveSibling("libx.so.verified"), FileTime.from(now.minus(Duration.ofMinutes(5))));
        install(new byte[] {100}, root);
        assertTrue(Files.exists(fresh) && Files.exists(old.get(0)) && Files.exists(recent));
        // A pruned build that runs again gets its copy back.
        assertArrayEquals(new byte[] {6}, Files.readAllBytes(install(new byte[] {6}, root)));
    }

    @Test
    void aCachedFileChangedInPlaceIsFoundAndReplaced() throws IOException {
        Path root = dir.resolve("cache");
        byte[] library = new byte[64 * 1024];
        new SplittableRandom(5).nextBytes(library);
        Path installed = install(library, root);
        try (RandomAccessFile file = new RandomAccessFile(installed.toFile(), "rw")) {
            file.seek(library.length / 2);
            file.write(new byte[4096]); // same size, same name: only the content is wrong
        }
        assertEquals(installed, install(library, root));
        assertArrayEquals(library, Files.readAllBytes(installed), "the file is repaired");
        assertEquals(installed, LibraryCache.install(sha256(library), library.length, () -> fail("read again"), "libx.so",
                root), "a verified file is used as it is");
    }

    @Test
    void aCorruptedCachedLibraryIsRepairedByTheNextRun() throws IOException {
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        Path source = Files.writeString(dir.resolve("ok.py"), "x = 1\n");
        TandemProcess.Result first = TandemProcess.cli("", environment, "lint", "--select", "E4,E7,E9,F", source.toString());
        assertEquals(0, first.exitCode(), first.toString());
        Path library;
        try (var files = Files.walk(dir.resolve("xdg"))) {
            library = files.filter(f -> f.getFileName().toString().equals(Platform.current().libraryFileName()))
                    .findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(library);
        try (RandomAccessFile file = new RandomAccessFile(library.toFile(), "rw")) {
            file.seek(good.length / 2);
            file.write(new byte[4096]);
        }
        TandemProcess.Result second = TandemProcess.cli("", environment, "lint", "--select", "E4,E7,E9,F", source.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertArrayEquals(good, Files.readAllBytes(library), "the cached library is the build's again");
    }

    @Test
    void anUnwritableCacheFallsBackToATemporaryDirectory() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "in the way");
        byte[] library = {7, 7};
        Path installed = install(library, notADirectory.resolve("native"));
        assertFalse(installed.startsWith(notADirectory));
        assertArrayEquals(library, Files.readAllBytes(installed));
    }

    @Test
    void theBuildRecordsThePackedLibrarysDigestAndSize() throws IOException {
        String packed = "/dev/tandem/native/" + Platform.current().id() + "/" + Platform.current().libraryFileName();
        byte[] library;
        Properties digest = new Properties();
        try (InputStream in = NativeLibrary.class.getResourceAsStream(packed);
                InputStream record = NativeLibrary.class.getResourceAsStream(packed + ".properties")) {
            library = in.readAllBytes();
            digest.load(record);
        }
        assertEquals(sha256(library), digest.getProperty("sha256"));
        assertEquals(String.valueOf(library.length), digest.getProperty("size"));
    }

    private static Path install(byte[] library, Path root) throws IOException {
        return LibraryCache.install(sha256(library), library.length, () -> library, "libx.so", root);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void platformNamesMatchThePackedResources() {
        assertEquals("linux-x86_64", Platform.of("Linux", "amd64").id());
        assertEquals("macos-aarch64", Platform.of("Mac OS X", "aarch64").id());
        assertEquals("windows-x86_64", Platform.of("Windows 11", "amd64").id());
        assertEquals("tandem_native.dll", Platform.of("Windows 11", "amd64").libraryFileName());
        Platform riscv = Platform.of("Linux", "riscv64");
        assertFalse(riscv.isSupported());
        assertEquals("linux-riscv64", riscv.id());
    }
}
