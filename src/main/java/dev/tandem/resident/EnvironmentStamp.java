package dev.tandem.resident;

import dev.tandem.runtime.VirtualEnv;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a virtual environment's packages last changed, as far as a context prepared in it can
 * tell: the modification times of {@code site-packages} (pip adds and removes entries there)
 * and of its {@code .pth} files (read once, when a context starts). Equal stamps mean a
 * context prepared earlier still sees what a new one would. No environment: always equal.
 */
record EnvironmentStamp(long sitePackages, long pthFiles) {
    private static final EnvironmentStamp NONE = new EnvironmentStamp(0, 0);

    static EnvironmentStamp of(VirtualEnv environment) {
        if (environment == null) {
            return NONE;
        }
        Path site = environment.sitePackages();
        long newestPth = 0;
        try (DirectoryStream<Path> pth = Files.newDirectoryStream(site, "*.pth")) {
            for (Path file : pth) {
                newestPth = Math.max(newestPth, Files.getLastModifiedTime(file).toMillis());
            }
            return new EnvironmentStamp(Files.getLastModifiedTime(site).toMillis(), newestPth);
        } catch (IOException unreadable) { // the run's own context reports what is wrong
            return new EnvironmentStamp(-1, System.nanoTime());
        }
    }
}
