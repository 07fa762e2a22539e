package dev.tandem.cli;

import picocli.CommandLine.Option;

/** {@code --venv DIR}: the virtual environment whose packages scripts import. */
final class VenvOption {
    @Option(names = "--venv", paramLabel = "DIR",
            description = "Import the packages of this environment (made by tandem -m venv DIR); default: $VIRTUAL_ENV.")
    String directory;
}
