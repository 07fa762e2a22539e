"""Counts and shows tokens the way an LLM application does, with the tiktoken API.

Inside Tandem `import tiktoken` is Tandem's drop-in (its kernels run in Java or Rust, as the
policy says: `./tandem run --backend rust examples/tokenizer/count_tokens.py FILE`); under
CPython with tiktoken installed it is the real one, and the output is the same.

    ./tandem run examples/tokenizer/count_tokens.py FILE [MODEL]
"""

import sys

import tiktoken


def main(path, model="gpt-4o"):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    encoding = tiktoken.encoding_for_model(model)
    tokens = encoding.encode(text, allowed_special={"<|endoftext|>"})
    print(f"{model}: {encoding.name}, {len(tokens)} tokens, {len(text.encode('utf-8'))} bytes")
    print("first tokens:", " | ".join(repr(encoding.decode([token])) for token in tokens[:12]))
    assert encoding.decode(tokens) == text, "decoding gives the text back"
    lines = text.splitlines()
    per_line = encoding.encode_ordinary_batch(lines)
    longest = max(range(len(lines)), key=lambda n: len(per_line[n]), default=None)
    if longest is not None:
        print(f"longest line in tokens: line {longest + 1}, {len(per_line[longest])} tokens")
    try:
        encoding.encode("<|endofprompt|>")
    except ValueError:
        print("a disallowed special token is refused, as tiktoken does")


if __name__ == "__main__":
    main(*sys.argv[1:])
