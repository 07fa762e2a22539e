package dev.tandem.route;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.graalvm.polyglot.HostAccess;

/**
 * What Python's routing layer (python/tandem/_route.py) asks the host: the policy, and
 * for a kernel and backend the implementation or why there is none. One per context.
 */
public final class KernelGateway {
    private final KernelRegistry registry;
    private final RoutePolicy policy;
    private final Calibrations calibrations;

    public KernelGateway(KernelRegistry registry, RoutePolicy policy, Calibrations calibrations) {
        this.registry = registry;
        this.policy = policy;
        this.calibrations = calibrations;
    }

    @HostAccess.Export
    public String policyBackend() {
        return policy.backend();
    }

    @HostAccess.Export
    public String policyRoutes() {
        return policy.routesText();
    }

    /** Why {@code backend} cannot run {@code kernel} here, or null when it can. */
    @HostAccess.Export
    public String unavailable(String kernel, String backend) {
        return registry.unavailable(kernel, Backend.fromLabel(backend)).orElse(null);
    }

    /** {@code [object, method name]}: Python calls that method of that object. */
    @HostAccess.Export
    public Object[] implementation(String kernel, String backend) {
        KernelBackend implementation = registry.implementation(kernel, Backend.fromLabel(backend));
        return new Object[] {registry.target(implementation), implementation.member()};
    }

    /**
     * Copies a kernel's int[] result into the int[] that backs a fresh Python list
     * ({@code polyglot.storage([0] * n)}): the fast way to hand integer arrays to Python.
     */
    @HostAccess.Export
    public void copyInts(int[] source, int[] pythonListStorage, int length) {
        System.arraycopy(source, 0, pythonListStorage, 0, length);
    }

    /** Copies a kernel's byte[] result into the byte[] behind a fresh Python bytearray; see {@link #copyInts}. */
    @HostAccess.Export
    public void copyBytes(byte[] source, byte[] pythonBytearrayStorage, int length) {
        System.arraycopy(source, 0, pythonBytearrayStorage, 0, length);
    }

    /**
     * The contents of a BPE rank file Tandem packs ({@code cl100k_base.tiktoken}, ...), for the
     * pure-Python backend, which has no file access in a sandboxed context; it checks the SHA-256.
     */
    @HostAccess.Export
    public byte[] bpeRankFile(String fileName) throws IOException {
        if (!fileName.matches("[a-z0-9_]+\\.tiktoken")) {
            throw new IllegalArgumentException("not a packed rank file name: " + fileName);
        }
        try (InputStream in = KernelGateway.class.getResourceAsStream("/dev/tandem/bpe/" + fileName)) {
            if (in == null) {
                throw new FileNotFoundException("Tandem packs no rank file " + fileName);
            }
            return in.readAllBytes();
        }
    }

    @HostAccess.Export
    public String calibration(String kernel) {
        return calibrations.get(kernel).orElse(null);
    }

    @HostAccess.Export
    public void storeCalibration(String kernel, String timings) {
        calibrations.put(kernel, timings);
    }
}
