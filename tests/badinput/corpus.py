"""A generated corpus of hostile inputs: nothing here is an article text."""

from __future__ import annotations

import json

ARTICLE = ("March 3, 2024\n\nAccording to demographer Ivan Petrov, between 600,000 and "
           "900,000 Russians left the country last year.\n")
CLAIM = {"measure": "departures", "unit": "persons", "bound": "about", "value": 750000,
         "as_of": "2023-06-30", "attributed_to": "Test Demographer",
         "citations": [{"document": {"outlet": "Test Daily", "published": "2023-07-01"}}]}

#: Documents every front door must refuse, by file name.
REFUSED_DOCUMENTS: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\n  ",
    "binary.txt": bytes(range(256)) * 8,
    "late_nul.md": ARTICLE.encode() * 200 + b"\x00",
    "elf.html": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
    "undated.txt": b"More than 820,000 people have left since 2022, experts said in 2022.",
    "undated_page.html": (b"<html><body><p>In 2022 about 700,000 left, experts said in "
                          b"2022.</p></body></html>"),
    "bad_utf16.txt": b"\xff\xfe" + b"\x00\xd8" * 3,
    "script_only.html": (b"<html><head><meta name='date' content='2024-01-02'></head><body>"
                         b"<script>alert(1)</script></body></html>"),
}

#: Readable but hostile documents: they may be read, but never with a traceback.
HOSTILE_DOCUMENTS: dict[str, bytes] = {
    "2024-03-03_scripts.html": (
        b"<html><head><script>document.write('700,000 left')</script></head><body><p>"
        b"According to demographer Ivan Petrov, 600,000 Russians left the country last year."
        b"</p><a href='javascript:alert(1)'>more</a><a href='data:text/html,x'>x</a>"
        b"</body></html>"),
    "2024-03-03_mixed.txt": ARTICLE.encode() + "Россия: уехали 100 тысяч.\n".encode("cp1251"),
    "2024-03-03_truncated.txt": ARTICLE.encode()[:-7] + "Росси".encode()[:-1],
}

_NESTED = "[" * 100_000 + "]" * 100_000


def _claims(*records: object) -> bytes:
    return json.dumps(list(records)).encode()


#: Claims files ``claims import`` must refuse: name -> (bytes, text the error must show).
REFUSED_IMPORTS: dict[str, tuple[bytes, str]] = {
    "empty.json": (b"", "empty"),
    "binary.json": (bytes(range(256)), "UTF-8"),
    "cp1251.json": (json.dumps([{**CLAIM, "attributed_to": "Росстат"}], ensure_ascii=False)
                    .encode("cp1251"), "UTF-8"),
    "truncated.json": (_claims(CLAIM)[:-20], "JSON"),
    "nested.json": (_NESTED.encode(), "nested"),
    "nan.json": (_claims(CLAIM).replace(b"750000", b"NaN"), "value"),
    "infinity.json": (_claims(CLAIM).replace(b"750000", b"Infinity"), "value"),
    "overflow.json": (_claims(CLAIM).replace(b"750000", b"1e400"), "value"),
    "not_a_list.json": (b'"claims"', "list"),
    "second_bad.json": (_claims(CLAIM, {**CLAIM, "unit": "percent", "value": 140}),
                        "record 2"),
    "nan.csv": (b"measure,unit,bound,value\ndepartures,persons,about,nan\n", "value"),
    "inf.csv": (b"measure,unit,bound,value\ndepartures,persons,about,inf\n", "value"),
    "no_columns.csv": (b"foo,bar\n1,2\n", "measure"),
    "truncated.csv": (b"measure,unit,bound,value\ndepartures,persons,ab", "bound"),
}
