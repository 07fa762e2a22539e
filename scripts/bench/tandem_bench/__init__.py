"""``tandem bench``: every kernel's workload under every Tandem backend and every peer, side by
side in one run; a Markdown table, a JSON file and an SVG chart in the output directory.

Run by the CLI (BenchCommand), which passes Tandem's home and the JVM's java.home.
"""

import argparse
import os
import platform

from tandem_bench import boundary, jsr223, lint, peritem, report, sourcemap, spark, startup, tokenizer
from tandem_bench.measure import Progress
from tandem_bench.peers import prepare

WORKLOADS = {"bpe": tokenizer, "sourcemap": sourcemap, "lint": lint, "boundary": boundary, "startup": startup,
             "jsr223": jsr223,
             "peritem": peritem, "spark": spark}
#: Run only when asked for by --kernel: they install large peers (spark: PySpark, ~450 MB).
ON_REQUEST = {"spark"}


def main(argv):
    parser = argparse.ArgumentParser(prog="tandem bench")
    parser.add_argument("--home", required=True)
    parser.add_argument("--java-home", required=True)
    parser.add_argument("--kernel", action="append", choices=sorted(WORKLOADS))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", required=True)
    options = parser.parse_args(argv)
    progress = Progress()
    os.makedirs(options.out, exist_ok=True)
    areas = options.kernel or [area for area in WORKLOADS if area not in ON_REQUEST]
    if "bpe" in areas:  # the tokenizer's peers; the source-map workload installs its own (scripts/peers.sh node)
        prepare(options.home, progress)
    threads = os.cpu_count() or 1
    machine = f"{platform.machine()}, {threads} cores, {platform.system()} {platform.release()}"
    rows = []
    for area in areas:
        workload = WORKLOADS[area]
        size = 256_000 if options.quick else 2_000_000
        text = workload.build_corpus(options.home, size)
        corpus_path = os.path.join(options.out, f"corpus-{area}.txt")
        with open(corpus_path, "w", encoding="utf-8") as file:
            file.write(text)
        size_note = workload.describe(text) if hasattr(workload, "describe") else \
            f"{len(text.encode('utf-8')) / 1e6:.2f} MB"
        progress(f"{area}: corpus of {size_note} in {corpus_path}")
        rows += workload.run(options.home, options.java_home, corpus_path, text, options.quick, threads, progress)
    table = report.markdown(rows, machine)
    command = "./tandem bench" + (" --quick" if options.quick else "")
    with open(os.path.join(options.out, "bench.md"), "w", encoding="utf-8") as file:
        file.write(f"`{command}`\n\n{table}")
    report.write_json(os.path.join(options.out, "bench.json"), rows, machine, command)
    with open(os.path.join(options.out, "bench.svg"), "w", encoding="utf-8") as file:
        file.write(report.svg_chart(rows, f"tandem bench ({machine})"))
    print(table)
    print(f"written: {os.path.join(options.out, 'bench.md')}, bench.json, bench.svg")
