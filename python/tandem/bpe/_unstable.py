"""tiktoken's algorithms for text whose last tokens may change when more text follows:
``encode_with_unstable`` and ``_encode_bytes`` (bytes that end inside a UTF-8 character).

Both work on the reference encoding's ranks (``tandem.bpe.Encoding``), in Python, after the
kernels have encoded the text: they are rarely used, and what they add is a search of the
vocabulary, not encoding. The steps and their comments follow tiktoken 0.14's src/lib.rs
(``_encode_unstable_native``, ``_increase_last_piece_token_len``, ``_encode_bytes``).
"""

import bisect

from tandem.bpe import byte_pair_encode

#: What Python's str.isspace counts as space and Rust's char::is_whitespace does not.
_NOT_RUST_WHITESPACE = frozenset("\x1c\x1d\x1e\x1f")


def encode_with_unstable(encoding, tokens, last_stretch):
    """``(stable tokens, completions)`` for ``tokens``, the ids of a text whose part after its last
    special token is ``last_stretch``. The stable tokens cover a prefix of the text; each
    completion is a token sequence that may follow them for a text that starts like this one."""
    ranks = encoding._ranks
    count = _last_piece_token_count(encoding, last_stretch)
    if count == 0:  # the text ended with a special token, or is empty: nothing is unstable
        return tokens, []
    count = _grow_over_spaces(encoding, tokens, count)
    unstable = b"".join(encoding._decoder[token] for token in tokens[len(tokens) - count:])
    stable = tokens[:len(tokens) - count]
    if not unstable:
        return stable, []
    completions = set()
    by_bytes = _sorted_token_bytes(encoding)
    # Every single token that starts with the unstable bytes.
    for token_bytes in _starting_with(by_bytes, unstable):
        completions.add((ranks[token_bytes],))
    # Every other place the token that straddles the end could start: the unstable bytes before
    # it, then the token, encoded again (a regex split there could prevent merges).
    for cut in range(1, len(unstable)):
        prefix, suffix = unstable[:cut], unstable[cut:]
        for token_bytes in _starting_with(by_bytes, suffix):
            possibility = prefix + token_bytes
            try:
                encoded = encoding.encode_ordinary(possibility.decode("utf-8"))
            except UnicodeDecodeError:
                encoded = byte_pair_encode(possibility, ranks)
            sequence, length = [], 0
            for token in encoded:
                sequence.append(token)
                length += len(encoding._decoder[token])
                if length >= len(unstable):
                    break
            completions.add(tuple(sequence))
    # Regex splits are not stable either: more text can make a split appear before a final
    # white-space character, making tokens possible that would otherwise have merged.
    if len(unstable) > 1:
        last, size = _last_character(unstable)
        if last is not None and len(unstable) > size and last.isspace() and last not in _NOT_RUST_WHITESPACE:
            completions.add(tuple(byte_pair_encode(unstable[:-size], ranks) + byte_pair_encode(unstable[-size:], ranks)))
    return stable, [list(sequence) for sequence in completions]


def encode_bytes(encoding, tokens, valid_text, rest):
    """The ids of ``valid_text`` (``tokens``, from the kernels) followed by ``rest``, bytes that
    are no valid UTF-8: the last piece's tokens are merged again together with ``rest``."""
    ranks = encoding._ranks
    count = _grow_over_spaces(encoding, tokens, _last_piece_token_count(encoding, valid_text))
    if tokens and count > 0:
        unstable = b"".join(encoding._decoder[token] for token in tokens[len(tokens) - count:]) + rest
        tokens = tokens[:len(tokens) - count]
    else:
        unstable = rest
    if unstable:
        rank = ranks.get(unstable)
        tokens = tokens + ([rank] if rank is not None else byte_pair_encode(unstable, ranks))
    return tokens


def _last_piece_token_count(encoding, stretch):
    """How many tokens the pre-tokenizer's last piece of ``stretch`` became (0: no piece)."""
    pieces = encoding.pieces(stretch)
    if not pieces:
        return 0
    last = pieces[-1].encode("utf-8")
    return 1 if last in encoding._ranks else len(byte_pair_encode(last, encoding._ranks))


def _grow_over_spaces(encoding, tokens, count):
    """``count`` grown over the all-space tokens before the last piece when that piece starts
    with one: such splits can disappear (cl100k_base's ``\\s*[\\r\\n]+`` makes "\\n" + " " into
    "\\n \\n")."""

    def all_space(token):
        data = encoding._decoder.get(token)
        return data is not None and all(byte in b" \n\t" for byte in data)

    if count > 0 and all_space(tokens[len(tokens) - count]):
        while count < len(tokens) and all_space(tokens[len(tokens) - count - 1]):
            count += 1
    return count


def _sorted_token_bytes(encoding):
    """Every mergeable token's bytes, sorted, kept on the encoding after the first call."""
    found = getattr(encoding, "_sorted_token_bytes", None)
    if found is None:
        found = encoding._sorted_token_bytes = sorted(encoding._ranks)
    return found


def _starting_with(sorted_bytes, prefix):
    at = bisect.bisect_left(sorted_bytes, prefix)
    while at < len(sorted_bytes) and sorted_bytes[at].startswith(prefix):
        yield sorted_bytes[at]
        at += 1


def _last_character(data):
    """The last UTF-8 character of ``data`` and its length in bytes; (None, 1) when the end is
    no valid UTF-8."""
    start = len(data) - 1
    while start > 0 and len(data) - start < 4 and 0x80 <= data[start] < 0xC0:
        start -= 1
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError:
        return None, 1
    return (text, len(data) - start) if len(text) == 1 else (None, 1)
