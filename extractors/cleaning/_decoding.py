"""Bytes to text the way a careful fetcher does it: BOM, declared charset, UTF-8, detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .._errors import InputRejected

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_REPLACEMENT_SHARE = 0.01  # more broken characters than this and the text is refused


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding.strip().lower()).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    if content_type and "charset=" in content_type.lower():
        found = _known(content_type.lower().split("charset=", 1)[1].split(";")[0].strip("\"' "))
        if found:
            return found
    match = META_CHARSET.search(data[:4096])
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


def decode_text(data: bytes, uri: str, content_type: str | None = None, html: bool = False) -> str:
    """Decode bytes to str, or raise InputRejected(reason="encoding") with what went wrong."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = declared_charset(data, content_type) if html else None
    # Pages often declare latin-1 while sending UTF-8 (or the reverse): trust UTF-8 when it fits.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace")
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= MAX_REPLACEMENT_SHARE * max(len(lenient), 1):
        return lenient
    if html and not declared:
        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    raise InputRejected(
        f"the input is not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and "
        "declares no other encoding; re-save it as UTF-8",
        uri=uri,
        reason="encoding",
    )
