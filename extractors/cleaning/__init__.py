"""Raw document in, article out: trafilatura for HTML (with where each field came from), a
parser for articles copied as text, JSONL records, charsets and language identification.

    clean             RawDocument -> ExtractionResult (status, reason, article), never None
    cleaner_version   the cleaner that handles a document, stored with its article
    detect_language   ISO 639-1 code by py3langid, or None for text too short to tell
    identify_language   English by its commonest words, else detect_language; says which
    load_language_identifier   py3langid's identifier, its model decompressed once per user
    clean_byline, dateline_agency, Byline   person names and the agency of a byline
    lean_page         the page as kept for reprocessing: without what no extractor reads
"""

from ._bylines import Byline, clean_byline, dateline_agency
from ._clean import clean, cleaner_version
from ._language import detect_language, identify_language, load_language_identifier
from ._lean import lean_page

__all__ = [
    "Byline",
    "clean",
    "clean_byline",
    "cleaner_version",
    "dateline_agency",
    "detect_language",
    "identify_language",
    "lean_page",
    "load_language_identifier",
]
