"""The reference: udfs.count_tokens over a corpus on plain CPython with tiktoken, no Spark.

    python3 count_tokens_cpython.py CORPUS     prints `rows=N tokens=T`
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import udfs  # noqa: E402


def main(path):
    rows = tokens = 0
    with open(path, encoding="utf-8", newline="\n") as file:
        for line in file:
            rows += 1
            tokens += udfs.count_tokens(line.removesuffix("\n"))
    print(f"rows={rows} tokens={tokens}")


if __name__ == "__main__":
    main(sys.argv[1])
