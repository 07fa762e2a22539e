"""Rank data in the byte-level BPE formats other than ``.tiktoken``: a Hugging Face
``tokenizer.json`` (GPT-2's and its kind) and GPT-2's own ``encoder.json`` + ``vocab.bpe``.

Both store tokens as strings in GPT-2's byte-to-character mapping (every byte is a printable
character: printable Latin-1 bytes stand for themselves, the others for U+0100 onwards in byte
order) and rank merges by their order in a list. tiktoken ranks a merge by the id of the token
it makes, so the two agree exactly when ids grow with the merge order (as in every GPT-2-style
vocabulary, where merge *i* makes token 256 + *i*). That is checked; a model where it does not
hold is refused rather than tokenized differently.
"""

import json

from tandem.bpe import R50K_PATTERN


def _byte_characters():
    """The character GPT-2's mapping gives each byte, indexed by byte."""
    printable = [*range(ord("!"), ord("~") + 1), *range(0xA1, 0xAC + 1), *range(0xAE, 0xFF + 1)]
    characters = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in characters:
            characters[byte] = chr(256 + extra)
            extra += 1
    return [characters[byte] for byte in range(256)]


_BYTE_OF_CHARACTER = {character: byte for byte, character in enumerate(_byte_characters())}


def _token_bytes(text, where):
    try:
        return bytes(_BYTE_OF_CHARACTER[character] for character in text)
    except KeyError as missing:
        raise ValueError(f"{where}: token {text!r} has {missing.args[0]!r}, which is no byte in GPT-2's "
                         f"byte-level mapping") from None


def byte_level_ranks(vocab, merges, where):
    """``{token bytes: rank}`` from a byte-level vocabulary (``{token text: id}``) and merges."""
    ranks = {}
    for text, token_id in vocab.items():
        if not isinstance(token_id, int) or token_id < 0:
            raise ValueError(f"{where}: token {text!r} has id {token_id!r}, not a non-negative int")
        ranks[_token_bytes(text, where)] = token_id
    if len(set(ranks.values())) != len(ranks):
        raise ValueError(f"{where}: two tokens share an id")
    missing = [byte for byte in range(256) if bytes([byte]) not in ranks]
    if missing:
        raise ValueError(f"{where}: byte {missing[0]:#04x} has no token; byte-level BPE needs all 256")
    previous = -1
    for number, merge in enumerate(merges, start=1):
        left, right = merge if isinstance(merge, (list, tuple)) else merge.split(" ")
        merged = _token_bytes(left, where) + _token_bytes(right, where)
        made = ranks.get(merged)
        if made is None:
            raise ValueError(f"{where}: merge {number} ({left!r} {right!r}) makes {merged!r}, which is not in the vocabulary")
        if made <= previous:
            raise ValueError(f"{where}: merge {number} ({left!r} {right!r}) makes id {made}, not above the previous "
                             f"merge's {previous}: ranks by id would merge in another order than this model")
        previous = made
    return ranks


def load_tokenizer_json(data, where="tokenizer.json"):
    """``(ranks, special tokens, pattern)`` from a Hugging Face tokenizer.json of a byte-level BPE
    model with GPT-2's pre-tokenizer; ValueError naming what else the file holds."""
    try:
        config = json.loads(data)
    except json.JSONDecodeError as error:
        raise ValueError(f"{where}: not JSON: {error}") from None
    model = config.get("model") or {}
    if model.get("type") != "BPE":
        raise ValueError(f"{where}: model type {model.get('type')!r}; only byte-level BPE is supported")
    for key in ("continuing_subword_prefix", "end_of_word_suffix"):
        if model.get(key):
            raise ValueError(f"{where}: model.{key} is {model[key]!r}; byte-level BPE has none")
    if model.get("byte_fallback") or model.get("dropout"):
        raise ValueError(f"{where}: byte_fallback and dropout are not byte-level BPE as tiktoken runs it")
    if config.get("normalizer") is not None:
        raise ValueError(f"{where}: has a normalizer ({config['normalizer'].get('type')}); tiktoken-style "
                         f"encodings have none")
    pre = config.get("pre_tokenizer") or {}
    if pre.get("type") != "ByteLevel" or not pre.get("use_regex", True) or pre.get("add_prefix_space"):
        raise ValueError(f"{where}: pre-tokenizer {pre!r}; only GPT-2's (ByteLevel, use_regex, no prefix "
                         f"space) is supported")
    specials = {token["content"]: token["id"] for token in config.get("added_tokens", []) if token.get("special")}
    vocab = {text: token_id for text, token_id in (model.get("vocab") or {}).items() if text not in specials}
    return byte_level_ranks(vocab, model.get("merges") or [], where), specials, R50K_PATTERN


def load_data_gym(vocab_bpe, encoder_json, where="vocab.bpe"):
    """``{token bytes: rank}`` from GPT-2's ``vocab.bpe`` (merges, after a version line) and
    ``encoder.json`` (token text to id), the files tiktoken's ``gpt2`` encoding is built from."""
    lines = vocab_bpe.decode("utf-8").split("\n")
    if lines and lines[0].startswith("#version"):
        lines = lines[1:]
    merges = [line for line in lines if line]
    vocab = json.loads(encoder_json)
    vocab = {text: token_id for text, token_id in vocab.items() if text not in ("<|endoftext|>", "<|startoftext|>")}
    return byte_level_ranks(vocab, merges, where)
