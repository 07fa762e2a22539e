"""Token counting for the Spark examples: the same file runs under Tandem (dev.tandem.spark's
TandemUdf, inside the executor JVMs) and under PySpark (a Python worker with tiktoken)."""
import tiktoken

_encoding = tiktoken.get_encoding("cl100k_base")
# Tandem's tiktoken counts without moving the ids across; tiktoken's len(encode_ordinary) is the same number.
_count = getattr(_encoding, "count_tokens", None) or (lambda text: len(_encoding.encode_ordinary(text)))


def count_tokens(text):
    """The number of cl100k_base tokens in ``text`` (``encode_ordinary``); None for a null."""
    return None if text is None else _count(text)


def count_tokens_batch(texts):
    """``count_tokens`` of each text, by one batch call (Tandem's kernels spread it over the cores)."""
    present = [text for text in texts if text is not None]
    counts = iter([len(ids) for ids in _encoding.encode_ordinary_batch(present)])
    return [None if text is None else next(counts) for text in texts]
