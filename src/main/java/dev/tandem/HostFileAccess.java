package dev.tandem;

/** How much of the host's file system a Python script may touch. */
public enum HostFileAccess {
    /** Only the Python standard library and the tandem package (the embedding default). */
    NONE,
    /** Read any host file, write none. */
    READ,
    /** Read and write host files, as a script under CPython can (the CLI's setting). */
    READ_WRITE
}
