package dev.tandem.route;

import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.kernels.bpe.PatternKind;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * What Python's routing layer (python/tandem/_route.py) asks the host: the policy, and
 * for a kernel and backend the implementation or why there is none. One per context.
 * Every script in the context can reach it, so it carries only what any script may do: it
 * reads calibrations but cannot record them (a trusted context gets a
 * {@link CalibratingGateway}), and its copies check their bounds.
 */
public class KernelGateway {
    private final KernelRegistry registry;
    private final RoutePolicy policy;
    final Calibrations calibrations;

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

    /** Why {@code backend} cannot run {@code kernel} for a script here, or null when it can. */
    @HostAccess.Export
    public String unavailable(String kernel, String backend) {
        Backend which = Backend.fromLabel(backend);
        return registry.hostOnly(kernel, which).or(() -> registry.unavailable(kernel, which)).orElse(null);
    }

    /** kernels.json, the routing rules Python reads as the {@link Router} does. */
    @HostAccess.Export
    public String kernelTable() {
        return KernelTable.builtin().text();
    }

    /** {@code [object, method name]}: Python calls that method of that object. */
    @HostAccess.Export
    public Object[] implementation(String kernel, String backend) {
        String refused = unavailable(kernel, backend);
        if (refused != null) {
            throw new IllegalStateException(kernel + ": " + backend + " backend unavailable: " + refused);
        }
        KernelBackend implementation = registry.implementation(kernel, Backend.fromLabel(backend));
        return new Object[] {registry.target(implementation), implementation.member()};
    }

    /**
     * Copies a kernel's int[] result into the int[] that backs a fresh Python list
     * ({@code polyglot.storage([0] * n)}): the fast way to hand integer arrays to Python.
     */
    @HostAccess.Export
    public void copyInts(int[] source, int[] pythonListStorage, int length) {
        checkCopy(source.length, pythonListStorage.length, length);
        System.arraycopy(source, 0, pythonListStorage, 0, length);
    }

    /**
     * Whether a Python list's storage ({@code polyglot.storage(list)}) is a Java int[], which a
     * kernel taking int[] then receives as it is, without a conversion per element.
     */
    @HostAccess.Export
    public boolean isIntArray(Object pythonListStorage) {
        return pythonListStorage instanceof int[];
    }

    /** Copies a kernel's byte[] result into the byte[] behind a fresh Python bytearray; see {@link #copyInts}. */
    @HostAccess.Export
    public void copyBytes(byte[] source, byte[] pythonBytearrayStorage, int length) {
        checkCopy(source.length, pythonBytearrayStorage.length, length);
        System.arraycopy(source, 0, pythonBytearrayStorage, 0, length);
    }

    private static void checkCopy(int sourceLength, int targetLength, int length) {
        if (length < 0 || length > sourceLength || length > targetLength) {
            throw new IllegalArgumentException("cannot copy " + length + " elements from an array of " + sourceLength
                    + " into one of " + targetLength);
        }
    }

    /**
     * The rank file Tandem packs for the named encoding, checked against tiktoken's SHA-256, for
     * the pure-Python backend, which has no file access in a sandboxed context.
     */
    @HostAccess.Export
    public byte[] bpeRankFile(String encoding) {
        return Encodings.rankFile(encoding);
    }

    /**
     * Defines an encoding of a user's ranks for the Java and Rust backends ({@link Encodings#define}):
     * {@code pattern} names a {@link PatternKind}, {@code rankFile} is a Python bytes object
     * holding {@code .tiktoken} data (read without a copy per element).
     *
     * @return false when the process holds as many definitions as it allows
     */
    @HostAccess.Export
    public boolean bpeDefine(String name, String pattern, Value rankFile) {
        byte[] data = new byte[Math.toIntExact(rankFile.getBufferSize())];
        rankFile.readBuffer(0, data, 0, data.length);
        return Encodings.define(name, PatternKind.valueOf(pattern), data);
    }

    @HostAccess.Export
    public String calibration(String kernel) {
        return calibrations.get(kernel).orElse(null);
    }
}
