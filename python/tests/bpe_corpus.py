"""Texts the tokenizer is checked on: a fixed corpus of real text and seeded random strings.

Shared by the parity test against tiktoken and, later, by the differential tests of the Java
and Rust backends, so that every backend sees the same inputs.
"""

import random

PROSE = """\
The quick brown fox jumps over the lazy dog. It's been a long day, hasn't it? We'll see;
they'd said they'd come by 5:30pm, but I'm not sure they're coming at all. "Don't," she said.
Mr. O'Neill's dog's bowl -- the one by the door -- was empty again.  Two spaces after a period.
IT'S SHOUTING. YOU'LL HEAR IT. THEY'VE GONE. I'D KNOW. WE'RE HERE. SHE'S OUT. HE'LL WAIT.
It'S mIxEd: 'S 'T 'Re 'vE 'M 'Ll 'D and rock'n'roll, ma'am, y'all, 'tis, o'clock, ne'er.
Prices rose 3.14159% to $1,234,567.89 on 2024-07-19T13:45:00Z (up from 999,999.99).
Numbers: 0 00 000 0000 12345678901234567890 1e10 -42 +7 0x1F 0b1010 3.0e-8 ½ ² ³ ⅞ Ⅻ ⑳.
"""

CODE = '''\
def fibonacci(n: int) -> list[int]:
    """Return the first n Fibonacci numbers."""
    a, b = 0, 1
    out = []
    for _ in range(n):
        out.append(a)
        a, b = b, a + b
    return out


if __name__ == "__main__":\r\n    print(fibonacci(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
\tindented_with_tab = {"key": [1, 2, 3], 'other': None}
public static void main(String[] args) { System.out.println("héllo"); }
fn main() -> Result<(), Box<dyn std::error::Error>> { let v: Vec<u8> = vec![0; 1024]; Ok(()) }
<div class="x" data-id='42'>&nbsp;&amp;&lt;/div&gt;</div>  // comment /* block */
SELECT id, name FROM users WHERE email LIKE '%@example.com' ORDER BY created_at DESC;
{"a": {"b": [true, false, null, 1.5e+10, "\\u00e9\\n"]}, "url": "https://example.com/a/b?c=d&e=f#g"}
    	  	mixed   indentation	 here
path/to/some/file.txt C:\\Windows\\System32 ~/.config/app//double//slashes/ /usr/bin/env
'''

LANGUAGES = """\
中文：我们在东京和北京之间旅行，价格是１２３元。繁體中文的漢字也很常見。
日本語: ひらがなとカタカナ、そして漢字。東京スカイツリーは634メートルです。ｶﾀｶﾅ半角。
한국어: 안녕하세요, 세계! 대한민국의 수도는 서울입니다.
العربية: مرحبا بالعالم! هذه جملة عربية مع أرقام ١٢٣٤٥ وتشكيل: العَرَبِيَّةُ.
עברית: שלום עולם! זהו משפט בעברית עם ניקוד: שָׁלוֹם.
हिन्दी: नमस्ते दुनिया! यह एक हिंदी वाक्य है जिसमें अंक १२३ हैं। क्षत्रिय, द्विज।
ไทย: สวัสดีชาวโลก ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ ๑๒๓
Русский: Привет, мир! Это предложение на русском языке. ЁЖИК в тумане, ёжик.
Ελληνικά: Γειά σου Κόσμε! ΣΊΣΥΦΟΣ σίσυφος ς.
Türkçe: İstanbul'da ılık bir gün. IĞDIR'IN. Deutsch: Straße, STRASSE, ẞ, Ärger, Öl, Übel.
Tiếng Việt: Xin chào thế giới! Đây là một câu tiếng Việt có dấu: ả ẫ ặ ẹ ỗ ự.
தமிழ்: வணக்கம் உலகம்! ქართული: გამარჯობა! Հայերեն: Բարեւ! አማርኛ: ሰላም ልዑል!
ᏣᎳᎩ Ꭷ ꭰ; ǅemal ǈubljana ǋoj (title case); ʰʲʷ ˈˌ (modifier letters); ﬁ ﬂ ﬀ (ligatures).
"""

EMOJI = """\
😀😃😄 👍🏽👍🏿 👨‍👩‍👧‍👦 👩🏻‍💻 🏳️‍🌈 🏴‍☠️ 🇯🇵🇺🇸🇩🇪 ❤️ ☺︎ 1️⃣ #️⃣ 🫶🏼 🧑‍🤝‍🧑
🙂‍↔️ 🐦‍🔥 emoji😀inside😀words, a👍b, 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂 👨‍👨‍👦👨‍👨‍👦
"""

COMBINING = """\
e\u0301 é a\u0308 ä n\u0303 ñ Z\u0351\u0357\u0350a\u036b\u0350l\u0305\u0352g\u0313o\u0489
A\u030a Å \u0301\u0301\u0301 leading marks, x\u20dd, 1\u20e3, \u0915\u094d\u0937, \u0e01\u0e31\u0e49
"""

WHITESPACE = (
    "a\tb\t\tc \t d\r\ne\rf\n\rg\u00a0h \u00a0 i\u3000j\u3000\u3000k\x0bl\x0cm\u2028n\u2029o\u0085p"
    "\u1680q\u2000\u2001\u200a r\u202fs\u205ft \u200bu\u200d\ufeffv\x1cw\x1dx\x1ey\x1fz\n"
    "trailing spaces   \n   leading spaces\n\n\n\nblank lines\n \n \n\t\n \r\n\r\n  end  "
)

#: Characters assigned in Unicode 15 or 16, which CPython 3.11's unicodedata (Unicode 14) calls
#: unassigned: letters, marks, digits and symbols whose class tiktoken (Unicode 16) knows.
NEWER_UNICODE = (
    "\U0001e4d0\U0001e4d1\U0001e4d2 \U00011f00\U00011f04\U00011f05 \U00010d40\U00010d41 "
    "\U00016100\U00016101 \U0001e5d0\U0001e5d1 \U00011380\U00011381 \U00031350\U00031351 "
    "\U0001d2c0\U0001d2c1 \U0001e030\U0001e031 x\U0001e030y 7\U00010d45 a\U00011f00b \u0cf3 "
    "\U0001cc00 \U0001fae8 \ua7cb\ua7cd\ua7da\ua7db \U0001b132"
)

EDGE_CASES = [
    "", " ", "  ", "\n", "\n\n", "\r\n", " \n", "\n ", "a", "'", "''", "'s", "'S", "'ſ", "'K",
    "ab'ſ", "ab'K", "x'LL", "don't", "DON'T", "Don'T", "n't", "'ll've", "I'm'm", "''s", "'s's",
    "hello world", " hello", "hello ", "hello  world", "hello\nworld", "hello \nworld",
    "hello\n\nworld", "hello \n \n world", " !", "  !", "!!!", " !!!\n\n", "a/b//c", "x.\r\n\r\ny",
    "1", "12", "123", "1234", "12345", " 123", "a123b", "١٢٣٤", "१२३४", "٣.١٤", "²³", "Ⅻ",
    "CamelCase", "camelCase", "HTTPServer", "iPhone", "XMLHttpRequest", "ABCdef", "abcDEF",
    "ǅemal", "ʰello", "\u0301abc", "abc\u0301", "A\u0301B\u0301c",
    "<|endoftext|>", "a<|endoftext|>b", "<|endoftext|><|endoftext|>", " <|endoftext|> ",
    "<|fim_prefix|>x<|fim_middle|>y<|fim_suffix|>z", "<|endofprompt|>", "<|endoftext|", "|endoftext|>",
    "text \n<|endoftext|>", "text   <|endoftext|>   text", "\n\n<|endoftext|>\n\n",
    "\ud83d\ude00", "\ud83d", "\ude00", "a\ud800b", "\udfff\ud800", "x\ud83d\ude00\ud83dy",
    "\x00", "\x00\x01\x02", "\x7f\x80\x9f", "\ufeff", "\ufffd", "\uffff", "\U0010ffff", "\ue000",
    " " * 1000, "\n" * 500, "\t" * 200, " \n" * 300, "1" * 999, "1234567890" * 100,
    "a" * 3000, "ab" * 1000, "!" * 1000, " " * 500 + "x", "x" + " " * 500, "\u3000" * 100,
    "😀" * 300, "\u0301" * 200, "中" * 500, "\r" * 100 + "\n" * 100,
]

CORPUS = {
    "prose": PROSE,
    "code": CODE,
    "languages": LANGUAGES,
    "emoji": EMOJI,
    "combining": COMBINING,
    "whitespace": WHITESPACE,
    "newer_unicode": NEWER_UNICODE,
}


def corpus_texts():
    """``(label, text)`` for each fixed text: whole documents, their lines, and the edge cases."""
    texts = []
    for label, document in CORPUS.items():
        texts.append((label, document))
        texts += [(f"{label} line {n}", line) for n, line in enumerate(_lines(document), 1)]
    texts += [(f"edge case {n}", text) for n, text in enumerate(EDGE_CASES)]
    texts += [(f"long piece {n}", text) for n, text in enumerate(long_pieces(LONG_PIECES))]
    return texts


#: How many long pieces ``corpus_texts`` holds.
LONG_PIECES = 24
#: Alphabets of the long pieces: few symbols that merge into tokens of many lengths, so that a
#: long piece goes through many rounds of merges (the merge's worst case), and scripts whose
#: pieces are long because they have no spaces.
LONG_PIECE_ALPHABETS = ("ab", "abc", "aab", "xyz", "0123456789", "ab1", "ABab", "_-=", "中文字", "ひらがな",
                        "😀🙂", "éèê", "абв", "".join(chr(c) for c in range(0x61, 0x7B)))


def long_pieces(count, seed=20260108):
    """``count`` seeded strings of 100 to 2,000 characters without whitespace, each drawn
    from one of ``LONG_PIECE_ALPHABETS`` (a letter run, a digit run, a CJK run, an emoji run,
    ...): each is one or a few long pieces, which the encoders merge with their heap."""
    rng = random.Random(seed)
    pieces = []
    for n in range(count):
        alphabet = LONG_PIECE_ALPHABETS[n % len(LONG_PIECE_ALPHABETS)]
        length = rng.randint(100, 2000)
        if rng.random() < 0.25:  # a repeated unit: the same merges all along the piece
            unit = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
            pieces.append((unit * (length // len(unit) + 1))[:length])
        else:
            pieces.append("".join(rng.choice(alphabet) for _ in range(length)))
    return pieces


def _lines(document):
    """The lines of ``document``, each with its "\n". Not str.splitlines, which also cuts at
    U+000B, U+001C, U+2028 ... (and differently on GraalPy 25.0, which keeps U+001C..U+001E)."""
    parts = document.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _chars(*ranges):
    return "".join(chr(code) for first, last in ranges for code in range(first, last + 1))


#: Pools of characters (and a few multi-character fragments) random strings are drawn from.
POOLS = {
    "ascii_letters": list(_chars((0x41, 0x5A), (0x61, 0x7A))),
    "digits": list("0123456789") + list("٠١٢٣٤٥٦٧٨٩०१२३४५६७८९０１２³½Ⅻ⑳"),
    "punctuation": list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("«»¿¡—–…“”‘’·•€£¥§¶"),
    "whitespace": list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
                       "\u200b\u200d\ufeff") + [" ", " ", " ", "\n", "\r\n", "  ", "\n\n"],
    "contractions": ["'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'ve", "'VE", "'m", "'M", "'ll", "'LL",
                     "'lL", "'d", "'D", "n't", "N'T", "'", "'ſ", "'K", "'x"],
    "latin": list(_chars((0xC0, 0x24F))) + list("ǅǈǋǲʰʲʷˈ"),
    "combining": list(_chars((0x300, 0x36F), (0x483, 0x489), (0x20D0, 0x20F0))),
    "greek_cyrillic": list(_chars((0x391, 0x3C9), (0x400, 0x45F))),
    "cjk": list(_chars((0x4E00, 0x4E80), (0x3041, 0x3096), (0x30A1, 0x30FA), (0xAC00, 0xAC80), (0xFF61, 0xFF9F))),
    "arabic_hebrew": list(_chars((0x621, 0x64A), (0x64B, 0x652), (0x5D0, 0x5EA), (0x5B0, 0x5BC))),
    "indic_thai": list(_chars((0x905, 0x939), (0x93E, 0x94D), (0xE01, 0xE3A), (0xE40, 0xE4E), (0xB85, 0xB95))),
    "emoji": list("😀👍🏽🏿👨👩👧👦💻🌈🏳🏴☠❤☺🇯🇵🇺🇸🫶🧑🤝🐦🔥") + ["\u200d", "\ufe0f", "\ufe0e", "\u20e3",
                                                     "👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈"],
    "newer_unicode": list(NEWER_UNICODE.replace(" ", "")),
    "special_tokens": ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>",
                       "<|endofprompt|>", "<|", "|>", "<|endoftext"],
    "surrogates": ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00"],
    "any_code_point": None,  # drawn uniformly from U+0000..U+10FFFF, surrogates included
}

#: Relative weights: mostly ordinary text, with the odd parts mixed in.
WEIGHTS = {
    "ascii_letters": 30, "digits": 6, "punctuation": 8, "whitespace": 14, "contractions": 4,
    "latin": 4, "combining": 3, "greek_cyrillic": 3, "cjk": 4, "arabic_hebrew": 3, "indic_thai": 3,
    "emoji": 3, "newer_unicode": 2, "special_tokens": 1, "surrogates": 1, "any_code_point": 2,
}


def random_texts(count, seed=20240719, max_items=40):
    """``count`` random strings (seeded: the same on every run and interpreter).

    Each string mixes items from one to four pools; an item may repeat a few times, so runs
    of spaces, digits, letters or marks occur.
    """
    rng = random.Random(seed)
    names = list(POOLS)
    weights = [WEIGHTS[name] for name in names]
    texts = []
    for _ in range(count):
        chosen = set(rng.choices(names, weights, k=rng.randint(1, 4)))
        pools = [name for name in names if name in chosen]
        items = []
        for _ in range(rng.randint(1, max_items)):
            pool = POOLS[rng.choice(pools)]
            item = chr(rng.randrange(0x110000)) if pool is None else rng.choice(pool)
            items.append(item * (rng.randint(2, 12) if rng.random() < 0.1 else 1))
        texts.append("".join(items))
    return texts
