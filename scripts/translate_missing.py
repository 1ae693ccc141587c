"""Fills English translations into resources/translations/accueil_ti_en.ts from a JSON mapping
{French source: English}: `python scripts/translate_missing.py mapping.json`. Only messages
still unfinished are filled; prints how many remain."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "accueil_ti_en.ts"


def main(mapping_file: str) -> int:
    mapping: dict[str, str] = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    text = TS.read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        block = match.group(0)
        source = re.search(r"<source>(.*?)</source>", block, re.S)
        if source is None or 'type="unfinished"' not in block:
            return block
        english = mapping.get(html.unescape(source.group(1)))
        if english is None:
            return block
        return re.sub(r'<translation type="unfinished">.*?</translation>',
                      lambda _: f"<translation>{html.escape(english, quote=False)}</translation>",
                      block, flags=re.S)

    text = re.sub(r"<message>.*?</message>", fill, text, flags=re.S)
    TS.write_text(text, encoding="utf-8")
    remaining = text.count('type="unfinished"')
    print(f"{remaining} messages still without a translation")
    return 0 if remaining == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
