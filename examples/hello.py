"""Hello from Python on GraalPy, inside Tandem's Java host."""

import sys

import tandem

name = sys.argv[1] if len(sys.argv) > 1 else "world"
print(f"Hello, {name}, from {sys.implementation.name} {sys.version.split()[0]}"
      f" (tandem {tandem.__version__}, inside Tandem: {tandem.in_tandem()})")
