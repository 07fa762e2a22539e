"""A Hugging Face ``tokenizers`` model built from a tiktoken encoding, for the tokenizer benchmark.

No tokenizer.json of cl100k_base or o200k_base can be downloaded here, so this builds one from
tiktoken's own definition (its rank file and pattern), the way a tiktoken -> Hugging Face
conversion does:

- vocabulary: every token's bytes spelled with GPT-2's bytes-to-unicode map, id = rank;
- merges: for each multi-byte token, in rank order, the two parts that byte-pair encoding of
  its bytes reaches using only lower-ranked merges (HF ranks a merge by its list position,
  tiktoken by the merged token's rank: listing them in rank order makes the two agree);
- pre-tokenizer: tiktoken's pattern as an isolated Split, then ByteLevel without its own regex;
  ``{1,3}+`` in the pattern becomes ``{1,3}`` (``oniguruma_pattern``);
- ``ignore_merges``: a piece that is itself a token is that token, as in tiktoken;
- no special tokens (the benchmark runs encode_ordinary) and no post-processing.

The result is cached as JSON (``cached_tokenizer``), so the conversion is neither timed nor
redone on every run.

    python hf_tokenizer.py ENCODING OUT.json    build and save (needs tiktoken and tokenizers)
"""

import os
import sys


def bytes_to_unicode():
    """GPT-2's map of the 256 byte values to printable characters (byte-level BPE's alphabet).

    Printable Latin-1 bytes stand for themselves; the other 68 (controls, space, soft hyphen,
    ...) take the code points from U+0100 upwards, in byte order.
    """
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    mapping = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in mapping:
            mapping[byte] = chr(256 + extra)
            extra += 1
    return mapping


def split_by_lower_ranks(ranks, token, rank):
    """The parts tiktoken's byte-pair encoding leaves of ``token`` when only merges ranked below
    ``rank`` may be applied: the lowest-ranked adjacent pair is merged first, again and again."""
    parts = [bytes([byte]) for byte in token]
    while len(parts) > 1:
        best, best_rank = None, rank
        for index in range(len(parts) - 1):
            pair_rank = ranks.get(parts[index] + parts[index + 1])
            if pair_rank is not None and pair_rank < best_rank:
                best, best_rank = index, pair_rank
        if best is None:
            break
        parts[best:best + 2] = [parts[best] + parts[best + 1]]
    return parts


def vocab_and_merges(ranks):
    """``(vocab, merges, unreachable)``: HF's vocabulary and merge list for tiktoken ranks, and
    the tokens no single merge produces (their BPE from lower ranks stops at more than two parts;
    ``ignore_merges`` still gives them when a whole piece equals one)."""
    alphabet = bytes_to_unicode()
    spell = lambda token: "".join(alphabet[byte] for byte in token)  # noqa: E731
    vocab, merges, unreachable = {}, [], []
    for token, rank in sorted(ranks.items(), key=lambda item: item[1]):
        vocab[spell(token)] = rank
        if len(token) == 1:
            continue
        parts = split_by_lower_ranks(ranks, token, rank)
        if len(parts) == 2:
            merges.append((spell(parts[0]), spell(parts[1])))
        else:
            unreachable.append(token)
    return vocab, merges, unreachable


def oniguruma_pattern(pattern):
    r"""tiktoken's pattern as HF's regex engine (Oniguruma, Ruby syntax) must read it.

    cl100k_base writes numbers as ``\p{N}{1,3}+``: possessive in tiktoken's fancy-regex, but
    in Ruby syntax ``{n,m}+`` is a repeated interval, ``(?:\p{N}{1,3})+``, so "0100" would be
    one piece (tokens "0", "100") instead of "010", "0". Possessive or greedy, ``{1,3}`` matches
    the same here, so the plain interval is the faithful spelling. (``++``, ``*+`` and ``?+``
    are possessive in both engines.)
    """
    return pattern.replace("{1,3}+", "{1,3}")


def build(encoding_name):
    """A ``tokenizers.Tokenizer`` equal to tiktoken's ``encoding_name`` for encode_ordinary."""
    import tiktoken
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

    encoding = tiktoken.get_encoding(encoding_name)
    vocab, merges, unreachable = vocab_and_merges(encoding._mergeable_ranks)
    if unreachable:
        print(f"hf_tokenizer: {encoding_name}: {len(unreachable)} tokens are reached by no single merge, "
              f"e.g. {unreachable[:3]}", file=sys.stderr)
    tokenizer = Tokenizer(models.BPE(vocab, merges, ignore_merges=True))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(oniguruma_pattern(encoding._pat_str)), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer


def cached_tokenizer(encoding_name, cache_dir):
    """The tokenizer for ``encoding_name``, from ``cache_dir/<name>.json`` or built and saved there."""
    from tokenizers import Tokenizer

    path = os.path.join(cache_dir, f"{encoding_name}.json")
    if not os.path.exists(path):
        os.makedirs(cache_dir, exist_ok=True)
        build(encoding_name).save(path + ".tmp")
        os.replace(path + ".tmp", path)
    return Tokenizer.from_file(path)


if __name__ == "__main__":
    build(sys.argv[1]).save(sys.argv[2])
