"""Turning fetched bytes into text whatever the server claimed.

Order of evidence, most trusted first: a byte-order mark; the charset in Content-Type if the
bytes decode cleanly with it; a `<meta charset>` / `http-equiv` in the first 4 KB if they
decode cleanly with it; UTF-8 if valid; charset_normalizer's guess (bodies of 2 KB or more:
shorter ones are too ambiguous); windows-1252 (never fails).
ISO-8859-1 and US-ASCII labels are read as windows-1252, as browsers do (WHATWG Encoding).
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
ALIASES = dict.fromkeys(
    ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"), "windows-1252"
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
MIN_DETECT_BYTES = 2048
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try(content: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def header_charset(content_type: str | None) -> str | None:
    match = HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def decode_body(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec used). Never raises; the codec says how sure we were."""
    for bom, codec in BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(codec, errors="replace"), codec
    candidates: list[str | None] = [_codec(header_charset(content_type))]
    meta = META_CHARSET.search(content[:4096])
    candidates.append(_codec(meta.group(1).decode("ascii", "ignore")) if meta else None)
    candidates.append("utf-8")
    for candidate in candidates:
        text = _try(content, candidate)
        if text is not None and candidate is not None:
            return text, candidate
    if len(content) < MIN_DETECT_BYTES:  # too little text to guess from: the web's default
        return content.decode("windows-1252", errors="replace"), "cp1252"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:65536]).best()
        if best is not None:
            guessed = _codec(best.encoding)
            text = _try(content, guessed)
            if text is not None and guessed is not None:
                return text, guessed
    except ImportError:  # pragma: no cover - shipped with trafilatura's dependencies
        pass
    return content.decode("windows-1252", errors="replace"), "windows-1252"


def to_utf8(content: bytes, content_type: str | None) -> tuple[bytes, str]:
    """Re-encode an HTML body as UTF-8 so later stages never guess again.

    Returns (bytes, content type naming charset=utf-8). A `<meta charset>` left in the page
    may now lie; downstream readers are told the truth by the content type.
    """
    text, _codec_used = decode_body(content, content_type)
    media = (content_type or "text/html").split(";")[0].strip() or "text/html"
    return text.encode("utf-8"), f"{media}; charset=utf-8"
