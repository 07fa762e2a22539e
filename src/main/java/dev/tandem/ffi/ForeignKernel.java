package dev.tandem.ffi;

import dev.tandem.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * A kernel implemented by a C function in the embedder's own shared library, bound through
 * the FFM API from its {@link ForeignSignature}. Python calls {@link #call}; arguments are
 * copied into a confined arena for the call, so the native code never sees Java memory and
 * the GC is never held up by it.
 */
public final class ForeignKernel {
    private final String kernel;
    private final String symbol;
    private final ForeignSignature signature;
    private final MethodHandle function;

    private ForeignKernel(String kernel, String symbol, ForeignSignature signature, MethodHandle function) {
        this.kernel = kernel;
        this.symbol = symbol;
        this.signature = signature;
        this.function = function;
    }

    /** Loads {@code library} and binds {@code symbol}; a clear exception when either is wrong. */
    public static ForeignKernel bind(String kernel, Path library, String symbol, String signatureText) {
        ForeignSignature signature = ForeignSignature.parse(signatureText);
        if (!Files.isRegularFile(library)) {
            throw new IllegalArgumentException(kernel + ": no shared library at " + library.toAbsolutePath());
        }
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library.toAbsolutePath(), Arena.global());
        } catch (IllegalArgumentException unloadable) {
            throw new IllegalArgumentException(kernel + ": cannot load " + library + ": " + unloadable.getMessage(), unloadable);
        }
        MemorySegment address = lookup.find(symbol).orElseThrow(() ->
                new IllegalArgumentException(kernel + ": " + library + " has no symbol " + symbol));
        MethodHandle handle = Linker.nativeLinker().downcallHandle(address, signature.descriptor());
        return new ForeignKernel(kernel, symbol, signature, handle.asSpreader(Object[].class, handle.type().parameterCount()));
    }

    /** Runs the C function on Python's arguments and returns its result. */
    @HostAccess.Export
    public Object call(Object... arguments) {
        List<ForeignSignature.Type> types = signature.arguments();
        if (arguments.length != types.size()) {
            throw new KernelException(kernel, "takes " + types.size() + " arguments (" + arguments.length + " given)");
        }
        try (Arena arena = Arena.ofConfined()) {
            List<Object> nativeArguments = new ArrayList<>();
            for (int i = 0; i < arguments.length; i++) {
                ForeignArguments.add(nativeArguments, types.get(i), arguments[i], arena, kernel, i + 1);
            }
            MemorySegment out = arena.allocate(signature.result().element);
            nativeArguments.add(out);
            int status = (int) function.invoke(nativeArguments.toArray());
            if (status != 0) {
                throw new KernelException(kernel, symbol + " returned status " + status);
            }
            return switch (signature.result()) {
                case I32 -> out.get(ValueLayout.JAVA_INT, 0);
                case I64 -> out.get(ValueLayout.JAVA_LONG, 0);
                case F64 -> out.get(ValueLayout.JAVA_DOUBLE, 0);
                default -> throw new IllegalStateException("result type " + signature.result());
            };
        } catch (KernelException | IllegalArgumentException rejected) {
            throw rejected;
        } catch (Throwable unexpected) {
            throw NativeLibrary.rethrow(unexpected);
        }
    }
}
