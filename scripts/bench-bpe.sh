#!/usr/bin/env bash
# Throughput of the Rust BPE encoder next to tiktoken (CPython), on the same text: the 1,172
# texts of target/bpe-cases.json (lone surrogates made U+FFFD, as tiktoken does), repeated
# to about 4 MB. For each of cl100k_base and o200k_base (or the encodings given):
#   single  one encode of the whole text, one thread (Rust: Encoder::encode;
#           tiktoken: encode_ordinary)
#   batch2  the texts as a batch on 2 threads (Rust: encode_batch; tiktoken:
#           encode_ordinary_batch(num_threads=2))
# Best of 5 runs each, after a warm-up. Needs scripts/peers.sh to have run (the venv, the
# rank files, the cases).
#
#   scripts/bench-bpe.sh [ENCODING...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -f target/bpe-cases.json ] || { echo "target/bpe-cases.json is missing: run scripts/peers.sh" >&2; exit 1; }
export TIKTOKEN_CACHE_DIR="$root/target/tiktoken-cache"
python=target/peers-venv/bin/python
text=target/bpe-bench.txt

"$python" - "$text" <<'PY'
import json, sys
cases = json.load(open("target/bpe-cases.json", encoding="utf-8"))["cases"]
texts = [c["text"].encode("utf-16", "surrogatepass").decode("utf-16", "replace") for c in cases]
texts = [t.replace("\0", "") for t in texts]  # NUL separates the texts in the file
size = sum(len(t.encode()) for t in texts)
texts = texts * max(1, (4 << 20) // size)
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    f.write("\0".join(texts))
PY

cargo build -q --release --example bpe_bench --manifest-path=native/Cargo.toml --target-dir=target/native
for encoding in "${@:-cl100k_base o200k_base}"; do
  for name in $encoding; do
    case "$name" in
      r50k_base|p50k_base) pattern=0; ranks=$name ;;
      cl100k_base) pattern=1; ranks=$name ;;
      o200k_base) pattern=2; ranks=$name ;;
      *) echo "unknown encoding $name" >&2; exit 2 ;;
    esac
    rust=$(target/native/release/examples/bpe_bench "target/ranks/$ranks.tiktoken" "$pattern" "$text")
    "$python" - "$name" "$text" "$rust" <<'PY'
import sys, time, tiktoken
name, path, rust = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, encoding="utf-8", newline="").read()  # no newline translation: the same text Rust reads
texts = data.split("\0")
whole = "".join(texts)
enc = tiktoken.get_encoding(name)

def best(run, repeats=5):
    result = run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times), result

single, ids = best(lambda: enc.encode_ordinary(whole))
batch, batch_ids = best(lambda: enc.encode_ordinary_batch(texts, num_threads=2))
size = len(whole.encode())
tik = {"single": (single, len(ids)), "batch2": (batch, sum(map(len, batch_ids)))}
print(f"{name}: {size / 1e6:.2f} MB, tiktoken {tiktoken.__version__}")
for line in rust.splitlines():
    fields = dict(item.split("=") for item in line.split())
    mode = fields["mode"]
    seconds, tokens = tik[mode]
    assert int(fields["tokens"]) == tokens, f"{mode}: Rust made {fields['tokens']} tokens, tiktoken {tokens}"
    rust_mb = float(fields["mb_per_s"])
    tik_mb = size / seconds / 1e6
    print(f"  {mode:7} Rust {rust_mb:7.2f} MB/s {float(fields['tokens_per_s']) / 1e6:6.2f} M tokens/s | "
          f"tiktoken {tik_mb:6.2f} MB/s {tokens / seconds / 1e6:5.2f} M tokens/s | ratio {rust_mb / tik_mb:.2f}x")
print(f"  Rust load (parse + table) {float(fields['load_ms']):.0f} ms")
PY
  done
done
