"""Clean an HTML page with trafilatura, keeping where each metadata field came from.

The page is parsed with trafilatura's own loader (`trafilatura.load_html`: its charset
handling, markup repairs and parser settings). A tree from `lxml.html.document_fromstring`
made trafilatura cut some bodies off mid-paragraph.

The main text comes from trafilatura's precision mode (`favor_precision`), which leaves out
more of the related links, teasers and decks around a story. It runs with `fast=True`, without
trafilatura's comparison against its fallback extractors (readability, justext); where the
page and the fast output show that comparison could matter (the text is short against the
page's paragraphs, or its tree is one trafilatura's own triggers send to a fallback), the
precision call runs again with it. Precision mode can also cut a body short, so its text is
checked against evidence on the page: when it is short, or holds less than half of the text
the page's paragraphs hold, the recall mode (`favor_recall`) runs on the same tree and its
text is taken if it is markedly longer. Only those pages pay for a second extraction.
Before that, lists of <article> elements nested in the story's <article> (teasers of other
posts) are taken out of the tree; after it, the later chunks of a body split into several
same-class containers are added when trafilatura stopped at the first, and embedded tweets it
left out are put back where they stand. Boilerplate paragraphs of known shapes are
then dropped from the text (`_boilerplate`), and so is the page's own furniture read into the
top of the text: its <h1>, and the elements it marks as the byline or the date; lines that
are an image's caption (a short element alone with an image in its container, or a short line
all in italics right under an image); lists of links to other stories (linked headlines,
teaser cards) and lines that are one such link with at most a short label ("Read more: ...");
and short lines above the lede that the page's own description opens (a headline variant, a
kicker).
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

from .._documents import Article, RawDocument
from .._errors import NoArticle
from ._boilerplate import boilerplate_shape, strip_boilerplate
from ._bylines import (
    choose_byline,
    credit_agency,
    dateline_agency,
    drop_byline_line,
    page_byline_agency,
    page_bylines,
)


@cache
def version() -> str:
    """The HTML cleaner's version, stored with its articles. trafilatura (about 0.15 s to
    import) is imported by the first HTML page, not by a run of text or JSONL inputs."""
    import trafilatura

    return f"trafilatura-{trafilatura.__version__}/html.v9"


# Precision mode's text under this share of the page's paragraph text, or under this many
# characters (trafilatura's own MIN_EXTRACTED_SIZE): try the recall mode.
SHORT_SHARE = 0.5
SHORT_TEXT = 250
# The recall mode's text replaces precision mode's when it is this much longer.
LONGER = 1.25
# Elements in trafilatura's output that make it try justext on the page (its SANITIZED_XPATH).
UNCLEAN = (
    ".//aside|.//audio|.//button|.//fencedframe|.//fieldset|.//figure|.//footer|.//iframe"
    "|.//input|.//label|.//link|.//nav|.//noindex|.//noscript|.//object|.//option|.//select"
    "|.//source|.//svg|.//time"
)
# A <p> inside these is not a body paragraph of a chunk (pull quotes, captions, embeds).
NOT_BODY = {"aside", "figure", "figcaption", "blockquote", "nav", "footer", "header", "form"}
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^0-9])")
META_FIELDS = {
    "title": ("og:title", "twitter:title", "title", "dc.title"),
    "authors": ("author", "article:author", "dc.creator", "byl", "sailthru.author",
                "parsely-author"),
    "published": ("article:published_time", "datepublished", "pubdate", "date", "dc.date",
                  "publish-date", "parsely-pub-date", "og:published_time", "sailthru.date"),
    "site_name": ("og:site_name", "application-name", "publisher"),
    "description": ("description", "og:description", "twitter:description"),
    "image": ("og:image", "twitter:image"),
}  # fmt: skip
JSONLD_FIELDS = {
    "title": ("headline", "name"),
    "authors": ("author",),
    "published": ("datePublished", "dateCreated"),
    "site_name": ("publisher",),
    "description": ("description",),
    "image": ("image",),
}


def _page_metadata(tree: Any) -> tuple[dict[str, str], str]:
    """The values a page declares in meta tags and JSON-LD, flattened to text for comparison."""
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = element.get("content")
        if key and content:
            meta.setdefault(key.strip().lower(), []).append(content)
    declared: dict[str, str] = {}
    for field, keys in META_FIELDS.items():
        values = [v for key in keys for v in meta.get(key, [])]
        if values:
            declared[field] = " ".join(values)
    jsonld = " ".join(
        script.text or ""
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    )
    return declared, jsonld


def _byline_texts(tree: Any) -> list[str]:
    """Short texts of the elements a page marks as its byline or author."""
    texts = []
    for element in tree.xpath(
        '//*[contains(@class, "byline") or contains(@class, "author") or @rel="author"]'
    )[:20]:
        text = " ".join(element.text_content().split())
        if 0 < len(text) <= 120:
            texts.append(text)
    return texts


def _jsonld_values(jsonld: str) -> dict[str, str]:
    found: dict[str, list[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for field, keys in JSONLD_FIELDS.items():
                for key in keys:
                    if key in node:
                        found.setdefault(field, []).append(
                            json.dumps(node[key], ensure_ascii=False)
                        )
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)

    for chunk in re.findall(r"\{.*\}|\[.*\]", jsonld, flags=re.S):
        try:
            walk(json.loads(chunk))
        except (ValueError, RecursionError):  # nested past Python's stack: not read
            continue
    return {field: " ".join(values) for field, values in found.items()}


def _origin(field: str, value: str, jsonld: dict[str, str], meta: dict[str, str]) -> str:
    probe = value[:10] if field == "published" else value.split(";")[0].strip()[:40]
    if probe and probe in jsonld.get(field, ""):
        return "jsonld"
    if probe and probe in meta.get(field, ""):
        return "meta"
    return "html"


def _drop_nested_teasers(tree: Any) -> int:
    """Remove lists of <article> elements nested in another <article>: a story holds no other
    stories, so two or more side by side inside one are teasers of other posts (a single
    nested <article> may be the story's own wrapper and stays). Returns how many went."""
    siblings: dict[Any, list[Any]] = {}
    for element in tree.xpath("//article//article"):
        siblings.setdefault(element.getparent(), []).append(element)
    dropped = 0
    for parent, teasers in siblings.items():
        if len(teasers) >= 2:
            for teaser in teasers:
                if teaser.getparent() is parent:
                    teaser.drop_tree()
                    dropped += 1
    return dropped


# Class words of the cards a page pops up over a name or term on hover ("rollover-people-
# block", "tooltip-content", "popover", "hovercard"): hidden until then, read as text they
# glue a headline list into the sentence ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ...").
_HOVER_CARD = re.compile(r"rollover|tooltip|popover|hover-?card|popup", re.I)


def _drop_hover_cards(tree: Any) -> int:
    """Remove hover cards inside paragraphs: an element whose class names one, holding an
    image or a link, right after the element it pops up from (the name or term, which
    stays). Returns how many went."""
    dropped = 0
    for card in tree.xpath("//p//*[@class]"):
        if not _HOVER_CARD.search(card.get("class") or ""):
            continue
        trigger = card.getprevious()
        if trigger is None or not trigger.text_content().strip():
            continue
        if card.getparent() is None or not card.xpath(".//img|.//a"):
            continue
        card.drop_tree()
        dropped += 1
    return dropped


def _paragraph_chars(tree: Any) -> int:
    """Characters of text in the page's <p> elements (all of them: body, teasers, comments)."""
    return sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))


def _page_chars(tree: Any) -> int:
    """Characters of text in the page's <body>, scripts and styles left out."""
    body = tree.find(".//body")
    if body is None:
        return 0
    return sum(
        len(" ".join(text.split()))
        for text in _xpath(".//text()[not(ancestor::script or ancestor::style)]")(body)
    )


@cache
def _xpath(expression: str) -> Any:
    """An XPath expression compiled once (per-element `.xpath()` compiles it on every call)."""
    from lxml import etree

    return etree.XPath(expression)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _later_chunks(tree: Any, text: str) -> list[str]:
    """Paragraphs of a body split into chunks that trafilatura stopped reading after the first.

    Some layouts break one story into several containers of the same tag and class (ads or
    embeds between them); trafilatura can take the first and stop. The container of the
    text's last paragraph is found in the tree, and the <p> text of later containers with its
    tag and class, close to it in the tree (sharing its parent or grandparent), is
    returned, in page order and without what the text holds already.
    """
    lines = [_norm(line) for line in text.split("\n") if line.strip()]
    if not lines:
        return []
    last, anchor = lines[-1], None
    for paragraph in tree.iter("p"):
        words = _norm(paragraph.text_content())
        if words and (words == last or (len(last) > 40 and words.startswith(last[:60]))):
            anchor = paragraph
    if anchor is None or anchor.getparent() is None:
        return []
    container = anchor.getparent()
    kind = container.get("class")
    if not kind:
        return []
    near = set(list(container.iterancestors())[:2])
    found, have, after = [], set(lines), False
    for chunk in tree.iter(container.tag):
        if chunk is container:
            after = True
            continue
        if (
            not after
            or chunk.get("class") != kind
            or not near & set(list(chunk.iterancestors())[:2])
        ):
            continue
        for paragraph in chunk.iter("p"):
            if any(a.tag in NOT_BODY for a in paragraph.iterancestors()):
                continue
            words = _norm(paragraph.text_content())
            if words and words not in have:
                found.append(words)
                have.add(words)
    return found


# A word of a post's text, for telling the post from a story's quote of it.
_POST_WORD = re.compile(r"\w+")


def _tweet_in(said: str, whole: str) -> bool:
    """Whether a post's text is in the text already: its words, in order, up to its first
    link or hashtag (what an extractor may leave out of a kept post). A story quoting the
    post ("'Hey Twitter, the whole point ...,' Noem tweeted. 'So I think ...'") breaks the
    run of its words and does not count."""
    cut = re.split(r"\s(?:https?://|pic\.twitter\.com|#)", said, maxsplit=1)[0]
    words = _POST_WORD.findall(cut)
    if not words:
        return True
    return re.search(r"\W+".join(map(re.escape, words)), whole) is not None


def _embedded_posts(tree: Any, text: str) -> str:
    """The text with the embedded tweets trafilatura left out put back where they stand.

    A tweet embedded in a story (`<blockquote class="twitter-tweet">`: the post's text, then
    "— Name (@handle) date") is part of what the story reports, and trafilatura drops it with
    its wrapper. Each one whose text is not in the text already goes in after the line of the
    nearest body paragraph before it on the page (one with no such paragraph stays out).
    """
    if not any(
        "twitter-tweet" in (quote.get("class") or "").split() for quote in tree.iter("blockquote")
    ):
        return text
    lines = text.split("\n")
    where = {_norm(line): i for i, line in enumerate(lines) if line.strip()}
    whole = _norm(text)
    after: dict[int, list[str]] = {}
    line_before = None  # the text's line of the last body paragraph met in page order
    for element in tree.iter("p", "blockquote"):
        if element.tag == "p":
            line_before = where.get(_norm(element.text_content()), line_before)
            continue
        if "twitter-tweet" not in (element.get("class") or "").split():
            continue
        said = [line for line in (_norm(p.text_content()) for p in element.iter("p")) if line]
        if not said or _tweet_in(said[0], whole) or line_before is None:
            continue
        by = _norm(
            " ".join(
                [*element.xpath("./text()"), *(a.text_content() for a in element.xpath("./a"))]
            )
        )
        after.setdefault(line_before, []).extend([*said, *([by] if by else [])])
    merged: list[str] = []
    for i, line in enumerate(lines):
        merged.extend([line, *after.get(i, ())])
    return "\n".join(merged)


def _needs_comparison(tree: Any, body: Any, precise: int, paragraphs: int) -> bool:
    """Whether trafilatura's comparison with its fallback extractors (readability, justext),
    skipped by the fast precision call, could have given this page another text.

    Checked on evidence the page and the fast call's output carry, as trafilatura's own
    triggers for the fallbacks are: the text is short (under SHORT_TEXT characters, or under
    SHORT_SHARE of the page's paragraph text: readability replaces a text it finds twice as
    long), the output tree holds no paragraph text or more tables than paragraphs (readability
    replaces a table-dominated extraction), or it holds elements trafilatura sanitizes
    (justext is tried on such an "unclean" body)."""
    if precise < SHORT_TEXT or precise < SHORT_SHARE * paragraphs:
        return True
    if paragraphs < SHORT_SHARE * precise and precise < SHORT_SHARE * _page_chars(tree):
        # The page's paragraphs hold under half the text: its body is not in <p> elements,
        # so their text says nothing of what readability could find. The page's whole text
        # (an upper bound on any extractor's) stands in for it.
        return True
    if body is None:
        return False
    if not _xpath(".//p//text()")(body) or len(body.findall(".//table")) > len(
        body.findall(".//p")
    ):
        return True
    return bool(_xpath(UNCLEAN)(body))


# Class words of the elements that show a story's byline and date above it ("byline",
# "post-date", "entry-date", "datetime", "timestamp"; not "dateline", the place name that
# opens a story's first paragraph and is part of its text).
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|datetime|timestamp|pubdate|published|post-?date"
    r"|entry-?date|date|author)(?:$|[\s_-])",
    re.I,
)
_FURNITURE_ITEMPROPS = {"datePublished", "dateModified", "dateCreated", "author"}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
# A headline, byline or date shown above a story is at most this long.
FURNITURE_CHARS = 150


def _furniture_texts(tree: Any) -> set[str]:
    """Texts of the page's headline (<h1>) and of the elements it marks as the story's byline
    or date (<time>, schema.org `itemprop`, byline/date class words), each as the text reads
    with and without a space between its child elements."""
    elements = [
        *tree.iter("h1", "time"),
        *(
            value.getparent()
            for value in _xpath("//@itemprop")(tree)
            if value in _FURNITURE_ITEMPROPS
        ),
        *(
            value.getparent()
            for value in _xpath("//@class")(tree)
            if _FURNITURE_CLASS.search(value)
        ),
    ]
    texts = set()
    for element in elements:
        for text in (_norm(element.text_content()), _norm(" ".join(element.itertext()))):
            if 0 < len(text) <= FURNITURE_CHARS:
                texts.add(text)
    for deck in _decks(tree):
        texts.add(deck)
    return texts


# A deck (the summary shown under a headline) is at most this long.
DECK_CHARS = 300
_HEADINGS = {"h2", "h3", "h4"}


def _decks(tree: Any) -> list[str]:
    """Texts of the decks under the page's <h1>: the element right after it in its container,
    when it is a lower heading (<h2>-<h4>) or marked as the story's description
    (schema.org `itemprop`), and short. A paragraph after the <h1> is not one (it may be the
    lede)."""
    decks = []
    for headline in tree.iter("h1"):
        deck = headline.getnext()
        if deck is None or not isinstance(deck.tag, str):
            continue
        if deck.tag not in _HEADINGS and deck.get("itemprop") not in (
            "description",
            "alternativeHeadline",
        ):
            continue
        text = _norm(deck.text_content())
        if 0 < len(text) <= DECK_CHARS:
            decks.append(text)
    return decks


def _drop_leading_furniture(tree: Any, text: str) -> tuple[str, bool]:
    """The text without the page's headline, byline and date read into its top: first lines
    that are one of them, and the headline (with the byline and date after it) glued to the
    start of the first paragraph (a layout holding all of it in one table cell). Nothing
    goes unless text remains after."""
    lines = text.split("\n")
    first = _norm(lines[0]).strip("| ")
    # Only a short first line that does not end as a sentence does, or one that starts with
    # the page's <h1>, can be (or start with) furniture: other pages do not pay for
    # collecting it.
    headlines = [h1 for h1 in (_norm(h.text_content()) for h in tree.iter("h1")) if h1]
    glued_headline = any(first.startswith(h1 + " ") for h1 in headlines)
    short = len(first) <= FURNITURE_CHARS and not _SENTENCE_END.search(first)
    # A headline can end as a question does ("Is football violence a crime?"), and a deck
    # as a sentence does.
    if not short and not glued_headline and first not in headlines and first not in _decks(tree):
        return text, False
    furniture = sorted(_furniture_texts(tree), key=len, reverse=True)
    if not furniture:
        return text, False
    dropped = False
    while lines:
        first = _norm(lines[0]).strip("| ")
        if len(lines) > 1 and first in furniture:
            lines.pop(0)
            dropped = True
            continue
        if not any(first.startswith(h1 + " ") for h1 in headlines):
            break
        # Glued: the headline first, then the byline or date, then the story (a lede that
        # merely opens with the headline's words has no byline or date after them).
        rest, pieces = first, []
        while True:
            glued = next((f for f in furniture if rest.startswith(f + " ")), None)
            if glued is None:
                break
            rest = rest[len(glued) + 1 :]
            pieces.append(glued)
        if set(pieces) - set(headlines) and len(rest) > FURNITURE_CHARS:
            lines[0] = rest
            dropped = True
        break
    return "\n".join(lines), dropped


# The page's description (meta or og:description) is, on most news pages, the opening of
# the story's first paragraph: its first DESCRIPTION_WORDS words (at least
# DESCRIPTION_MIN_WORDS of them) are looked for at the start of one of the text's first
# ABOVE_LEAD_LINES + 1 lines, maybe after a dateline ("COLUMBIA, S.C. (AP) — ").
DESCRIPTION_WORDS = 8
DESCRIPTION_MIN_WORDS = 5
ABOVE_LEAD_LINES = 3
DATELINE_WORDS = 6
# A line above the lede is furniture when it is at most this many words and does not end as
# a sentence does; a question as short as a headline (QUESTION_WORDS) counts as one.
ABOVE_LEAD_WORDS = 25
QUESTION_WORDS = 15
_WORD = re.compile(r"\w+")


def _opens_with(line: str, probe: list[str]) -> bool:
    """Whether the line's words start with `probe`, maybe after a dateline's few words."""
    words = _WORD.findall(line)
    return any(words[start : start + len(probe)] == probe for start in range(DATELINE_WORDS + 1))


def _drop_above_description(text: str, description: str | None) -> tuple[str, bool]:
    """The text without the lines above the lede that the page's description opens.

    A headline variant, a kicker, a byline or a date read into the top of the text is the
    page's furniture wherever it comes from; the page says where its story starts when its
    description is the opening of the first paragraph (as on most news pages). When one of
    the text's first lines opens with the description's first words, the lines above it go
    if each is short (ABOVE_LEAD_WORDS) and none ends as a sentence does (a question as
    short as a headline may): a lede or a paragraph of the story above the one the
    description quotes is a sentence and stays, and so does everything when no line opens
    with it."""
    probe = _WORD.findall(description or "")[:DESCRIPTION_WORDS]
    if len(probe) < DESCRIPTION_MIN_WORDS:
        return text, False
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line.strip()]
    lede = next(
        (at for at, i in enumerate(body[: ABOVE_LEAD_LINES + 1]) if _opens_with(lines[i], probe)),
        None,
    )
    if not lede:  # none, or the first line: nothing above it
        return text, False
    for i in body[:lede]:
        line = _norm(lines[i]).strip("| ")
        words = len(line.split())
        question = line.endswith("?") and words <= QUESTION_WORDS
        if words > ABOVE_LEAD_WORDS or (_SENTENCE_END.search(line) and not question):
            return text, False
    return "\n".join(lines[body[lede] :]), True


# A caption is at most this long.
CAPTION_CHARS = 300


def _caption_texts(tree: Any) -> set[str]:
    """Texts of image captions the page holds outside <figure>: a short element, not a
    paragraph, that shares a container (not a paragraph either: an icon opening a paragraph)
    with one image (or a link around it) and nothing else, no text outside both included."""
    captions = set()
    for image in tree.iter("img"):
        held = image
        parent = held.getparent()
        if parent is not None and parent.tag == "a" and len(parent) == 1:
            held, parent = parent, parent.getparent()
        if parent is None or parent.tag in ("figure", "p", "body", "html"):
            continue
        children = [child for child in parent if isinstance(child.tag, str) and child.tag != "br"]
        if len(children) != 2 or held not in children or (parent.text or "").strip():
            continue
        caption = children[1] if children[0] is held else children[0]
        if caption.tag == "p" or _xpath(".//img|.//p")(caption):
            continue  # a paragraph beside a picture is text
        if any((child.tail or "").strip() for child in children):
            continue
        text = _norm(caption.text_content())
        if 0 < len(text) <= CAPTION_CHARS:
            captions.add(text)
    captions.update(_italic_captions(tree))
    return captions


def _italic_captions(tree: Any) -> set[str]:
    """Texts set in italics right under an image: the element after the block that holds
    only the image (no text), when all its text is inside <em> or <i> and it is short."""
    captions = set()
    for image in tree.iter("img"):
        block = image
        for _ in range(3):
            parent = block.getparent()
            if (
                parent is None
                or parent.tag in ("body", "html")
                or len(parent) != 1
                or (parent.text or "").strip()
                or (block.tail or "").strip()
            ):
                break
            block = parent  # holds the image and nothing else
        if block is image or (block.tail or "").strip():
            continue
        after = block.getnext()
        # A caption's element holds a few inline elements at most (not a whole section).
        if after is None or not isinstance(after.tag, str) or len(after) > 3:
            continue
        text = _norm(after.text_content())
        if not 0 < len(text) <= CAPTION_CHARS or _xpath(".//img")(after):
            continue
        italic = _xpath(
            "self::em|self::i|.//*[self::em or self::i][not(ancestor::em|ancestor::i)]"
        )(after)
        if italic and _norm(" ".join(e.text_content() for e in italic)) == text:
            captions.add(text)
    return captions


# A related-story headline in a list of links is at least this many words (a list of linked
# names, "- Joe Biden", can be the story's own) and at most LIST_HEADLINE_WORDS.
LINKED_HEADLINE_WORDS = 4
LIST_HEADLINE_WORDS = 25
_BULLET = re.compile(r"^[-•*]\s+")


# A teaser card in a list (a linked heading and the line under it) is at most this many words.
TEASER_WORDS = 60
# A list item that is a name in code ("narrow-browser-and-phone", "landscape_tablet"): no
# space, lower case, joined by hyphens or underscores.
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")


def _is_link_to_another_page(link: Any) -> bool:
    return not (link.get("href") or "#").strip().lower().startswith(("#", "javascript:"))


def _linked_chars(element: Any) -> int:
    """Characters of an element's text inside its links to other pages."""
    return sum(
        len(_norm(link.text_content()))
        for link in element.iter("a")
        if _is_link_to_another_page(link)
    )


def _teaser_item(item: Any, text: str) -> set[str]:
    """The texts a list item may show in the text when it is a teaser card of another story
    or a name in code, or none: it holds a heading (<h2>-<h6>) all of whose text is a link
    to another page, and a short text (the headline and the line under it: the card reads as
    both, or as the line alone where the extractor left the linked heading out); or its text
    is one lower-case hyphenated token (a layout widget's list of breakpoints)."""
    if _IDENTIFIER.match(text):
        return {text}
    if len(text.split()) > TEASER_WORDS:
        return set()
    for heading in item.iter("h2", "h3", "h4", "h5", "h6"):
        words = _norm(heading.text_content())
        if not words:
            continue
        if _linked_chars(heading) >= 0.9 * len(words) or any(
            a.tag == "a" and _is_link_to_another_page(a) for a in heading.iterancestors()
        ):
            whole = _norm(" ".join(item.itertext()))
            rest = _norm(whole.replace(words, " ", 1))
            return {text, whole, *([rest] if rest else [])}
    return set()


def _linked_headlines(tree: Any) -> list[list[set[str]]]:
    """The items of each list on the page (<ul>/<ol>, two items or more) that is a list of
    links to other pages' stories, each item as the texts it may show: every item a headline
    (LINKED_HEADLINE_WORDS to LIST_HEADLINE_WORDS words, no sentence-final punctuation) all
    of whose text is a link's (a link to another page: not "#...", not "javascript:"), or a
    teaser card of another story (`_teaser_item`: a linked heading and the line under it)."""
    lists = []
    for listing in tree.iter("ul", "ol"):
        items = [item for item in listing if item.tag == "li"]
        if len(items) < 2:
            continue
        texts = []
        for item in items:
            text = _norm(item.text_content())
            teaser = _teaser_item(item, text)
            if teaser:
                texts.append(teaser)
                continue
            words = len(text.split())
            if not LINKED_HEADLINE_WORDS <= words <= LIST_HEADLINE_WORDS:
                break
            if _SENTENCE_END.search(text):
                break
            if _linked_chars(item) < 0.9 * len(text):
                break
            texts.append({text})
        else:
            lists.append(texts)
    return lists


def _drop_link_lists(tree: Any, text: str) -> tuple[str, bool]:
    """The text without a list of links to other stories read into it ("- Moon Rush:
    Private Lunar Lander Plans", "- Here's Where Commercial Landers Will Land"): lines that
    are the items of one of the page's lists of linked headlines (`_linked_headlines`), when
    all of that list's items are lines of the text."""
    if "\n- " not in "\n" + text and "\n• " not in "\n" + text:
        return text, False
    lists = _linked_headlines(tree)
    if not lists:
        return text, False
    lines = text.split("\n")
    shown = [_BULLET.sub("", _norm(line)) for line in lines]
    have = set(shown)
    drop: set[str] = set()
    for items in lists:
        if all(forms & have for forms in items):
            drop.update(*items)
    kept = [line for line, item in zip(lines, shown, strict=True) if item not in drop]
    if not drop or not kept:
        return text, False
    return "\n".join(kept), True


# A line that is a link to another page holds at most this many words outside the link (a
# label: "Read more: <headline>", "[Related: <headline>]", "- <headline>").
LABEL_WORDS = 3


def _drop_linked_lines(tree: Any, text: str) -> tuple[str, bool]:
    """The text without lines that are a link to another page's story: a headline-length
    line (LINKED_HEADLINE_WORDS to LIST_HEADLINE_WORDS words, no sentence-final punctuation)
    holding the text of one of the page's links to another page (not "#...", not
    "javascript:"), itself a headline (LINKED_HEADLINE_WORDS words or more), and at most a
    short label (LABEL_WORDS) besides. The shape that related-story lead-ins and promo
    links trafilatura keeps have in common, whatever their label (or none); a
    sentence holding a link stays, and so do the items of a list ("- ..."): a list is
    judged whole (`_drop_link_lists`), and one with an item of the story's own is the
    story's."""
    lines = text.split("\n")
    shown = [_norm(line).strip("| ") for line in lines]
    candidates = {
        line: len(line.split())
        for line in shown
        if LINKED_HEADLINE_WORDS <= len(line.split()) <= LIST_HEADLINE_WORDS
        and not _SENTENCE_END.search(line)
        and not _BULLET.match(line)
    }
    if not candidates:
        return text, False
    links: dict[str, int] = {}
    for link in tree.iter("a"):
        # A link holding no element has its text in `.text` (cheaper than text_content).
        words = (link.text or "") if len(link) == 0 else link.text_content()
        spaces = words.count(" ") + words.count("\n")
        if spaces < LINKED_HEADLINE_WORDS - 1 or not _is_link_to_another_page(link):
            continue
        words = _norm(words)
        if len(words.split()) >= LINKED_HEADLINE_WORDS:
            links[words] = len(words.split())
    drop = {
        line
        for line, size in candidates.items()
        if any(size - n <= LABEL_WORDS and words in line for words, n in links.items())
    }
    kept = [line for line, item in zip(lines, shown, strict=True) if item not in drop]
    if not drop or not kept:
        return text, False
    return "\n".join(kept), True


def _drop_captions(tree: Any, text: str) -> tuple[str, bool]:
    """The text without lines that are an image caption of the page (`_caption_texts`)."""
    captions = _caption_texts(tree)
    if not captions:
        return text, False
    lines = text.split("\n")
    kept = [line for line in lines if _norm(line).strip("| ") not in captions]
    if len(kept) == len(lines) or not kept:
        return text, False
    return "\n".join(kept), True


# Class words of an element that heads a section of the story ("subheadline", "subhead",
# "crosshead", "intertitle", "section-heading", "heading"); not "header" (a page's or a card's
# top), nor a bare "title" (a video's or a card's as often as a section's).
_HEADING_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:sub|cross|inter|section)[\s_-]?(?:head(?:ing|line)?|title)"
    r"|head(?:ing|line))s?(?:$|[\s_-])",
    re.I,
)
# Class words of what is not a section heading though it is titled: a media embed's or a
# teaser's title, an ad's label.
_NOT_HEADING_CLASS = re.compile(
    r"video|image|photo|gallery|caption|promo|related|teaser|recirc|\bad\b|sponsor", re.I
)
# The tags a heading trafilatura leaves out is set in.
_HEADING_TAGS = {"div", "span", "p", "strong", "b"}
# A subheading is at most this many words.
SUBHEADING_WORDS = 12
# Tags that may sit inside a subheading (its text only: bold, italics, a link).
_INLINE = {"b", "strong", "em", "i", "span", "a", "u", "br"}


def _subheadings(tree: Any, text: str) -> tuple[str, int]:
    """The text with the section headings trafilatura left out put back where they stand.

    A heading some layouts set as a <div> or <span> with a heading class word (`<div
    class="subheadline">Our ruling</div>`) rather than <h2>-<h6> is dropped by trafilatura
    in every mode. One goes back in only on evidence that it heads a section of the body
    kept: its element sits between two sibling paragraphs whose texts are consecutive lines
    of the text, it holds only inline markup and a short unpunctuated text, and that text is
    not in the text already. Returns the text and how many went in."""
    candidates = []
    for paragraph in tree.iter("p"):
        element = paragraph.getnext()
        if (
            element is not None
            and element.tag in _HEADING_TAGS
            and _HEADING_CLASS.search(element.get("class") or "")
            and not _NOT_HEADING_CLASS.search(element.get("class") or "")
        ):
            following = element.getnext()
            if following is not None and following.tag == "p":
                candidates.append(element)
    if not candidates:
        return text, 0
    lines = text.split("\n")
    where = {_norm(line): i for i, line in enumerate(lines) if line.strip()}
    whole = _norm(text)
    after: dict[int, str] = {}
    for element in candidates:
        if any(child.tag not in _INLINE for child in element.iterdescendants()):
            continue
        heading = _norm(element.text_content())
        if (
            not heading
            or len(heading.split()) > SUBHEADING_WORDS
            or _SENTENCE_END.search(heading)
            or heading in whole
        ):
            continue
        before, following = element.getprevious(), element.getnext()
        if (element.tail or "").strip():
            continue
        above = where.get(_norm(before.text_content()))
        below = where.get(_norm(following.text_content()))
        if above is None or below != above + 1:
            continue
        after[above] = heading
    if not after:
        return text, 0
    merged: list[str] = []
    for i, line in enumerate(lines):
        merged.append(line)
        if i in after:
            merged.append(after[i])
    return "\n".join(merged), len(after)


# The length of a paragraph that may be glued boilerplate (its shapes are bounded at 60
# words).
GLUED_CHARS = (20, 600)


def _glued_boilerplate(tree: Any, text: str) -> tuple[str, bool]:
    """The text without boilerplate paragraphs of the page glued to a line of body text.

    Where a page holds its story in one table cell, trafilatura returns it as one long line
    of a table row ("| ... |"), and a comment notice or promo paragraph after the story ends
    it ("... Orion themselves. Note: we are temporarily moderating all comments ..."), out of
    `strip_boilerplate`'s reach, which reads whole lines. A <p> of the page whose own text
    has a boilerplate shape read alone (`boilerplate_shape`), found at the end or the start
    of such a line, is cut off it."""
    # trafilatura writes a table row as "| cell | cell |": only a cell's line holding more
    # than a paragraph can hold one glued.
    if not any(line.startswith("|") and len(line) > GLUED_CHARS[1] for line in text.split("\n")):
        return text, False
    whole = _norm(text)
    own_lines = {_norm(line).strip("| ") for line in text.split("\n")}
    found = []
    for paragraph in tree.iter("p"):
        words = _norm(paragraph.text_content())
        # A paragraph on a line of its own is `strip_boilerplate`'s to judge.
        if not GLUED_CHARS[0] <= len(words) <= GLUED_CHARS[1] or words in own_lines:
            continue
        if words in whole and boilerplate_shape(words):
            found.append(words)
    if not found:
        return text, False
    lines, cut = text.split("\n"), False
    for i, line in enumerate(lines):
        norm = _norm(line).strip("| ")  # a table cell's text reads "| ... |"
        for words in found:
            if norm.endswith(" " + words):
                norm, cut = norm[: -len(words) - 1], True
            elif norm.startswith(words + " "):
                norm, cut = norm[len(words) + 1 :], True
        if norm != _norm(line).strip("| "):
            lines[i] = norm
    return ("\n".join(lines), True) if cut else (text, False)


# An author's bio is at most this many words, among the text's last BIO_LINES lines.
BIO_WORDS = 80
BIO_LINES = 3


def _drop_author_bio(text: str, authors: tuple[str, ...] | list[str]) -> tuple[str, bool]:
    """The text without the author's bio at its end: one of its last lines that opens with
    the name of an author the page declares, maybe a handle or address in brackets, and then
    says what the author is or does ("Molly Wood (@mollywood) is an Ideas contributor at
    WIRED ...", "Roger Gonzalez is an award-winning writer ..."). A story about a person who
    is not the page's author is not touched."""
    names = [name for name in authors if len(name.split()) >= 2]
    if not names:
        return text, False
    opening = re.compile(
        r"^(?:" + "|".join(map(re.escape, names)) + r")(?:\s*\([^)]{0,80}\))?,?\s+"
        r"(?:is|was|has|covers|writes|reports)\b"
    )
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line.strip()]
    drop = {
        i
        for i in body[-BIO_LINES:]
        if len(lines[i].split()) <= BIO_WORDS and opening.match(_norm(lines[i]))
    }
    if not drop or len(drop) == len(body):
        return text, False
    return "\n".join(line for i, line in enumerate(lines) if i not in drop), True


def _extract(tree: Any, url: str | None) -> tuple[Any, str]:
    """trafilatura's document for the page, and the mode whose text it carries."""
    import trafilatura

    # `fast`: no comparison with trafilatura's fallback extractors (readability, justext),
    # half the extraction's CPU. On the pages where that comparison could matter
    # (`_needs_comparison`) the precision call runs again with it, so those pages get the
    # text they got before `fast`. Comments are not read (their text is never the article's;
    # the same text on all 85 corpus pages).
    document: Any = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, favor_precision=True, fast=True, include_comments=False
    )
    if document is None or not (document.text or "").strip():
        # Nothing in precision mode: the default mode, as before precision mode was used.
        default = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False
        )
        return default, "default"
    paragraphs = _paragraph_chars(tree)
    mode = "precision"
    if _needs_comparison(tree, document.body, len(document.text.strip()), paragraphs):
        compared: Any = trafilatura.bare_extraction(
            tree, url=url, favor_precision=True, include_comments=False
        )
        if compared is not None and (compared.text or "").strip():
            if compared.text.strip() != document.text.strip():
                mode = "precision-compared"
            document.text = compared.text
    precise = len(document.text.strip())
    # Short text, or little of what the page's paragraphs hold (precision mode also skips
    # trafilatura's own rescue of short extractions).
    if precise < SHORT_TEXT or precise < SHORT_SHARE * paragraphs:
        recall: Any = trafilatura.bare_extraction(
            tree, url=url, favor_recall=True, include_comments=False
        )
        if recall is not None and len((recall.text or "").strip()) > LONGER * precise:
            document.text = recall.text
            return document, "recall"
    return document, mode


def clean_html(raw: RawDocument, page: str, min_words: int) -> Article:
    """Main text and metadata of a page; raises NoArticle when there is no article to keep."""
    import trafilatura

    try:
        tree = trafilatura.load_html(page)
    except (ValueError, TypeError) as error:
        raise NoArticle(f"the page could not be parsed as HTML: {error}", uri=raw.uri) from error
    if tree is None:
        raise NoArticle("the page could not be parsed as HTML", uri=raw.uri)
    meta, jsonld_text = _page_metadata(tree)
    bylines = _byline_texts(tree)
    declared_bylines = page_bylines(tree)
    teasers = _drop_nested_teasers(tree)
    _drop_hover_cards(tree)
    document, mode = _extract(tree, raw.url)
    if document is None or not (document.text or "").strip():
        raise NoArticle("trafilatura found no main text on the page", uri=raw.uri)
    text = document.text.strip()
    chunks = _later_chunks(tree, text)
    if chunks:
        text = "\n".join([text, *chunks])
    with_posts = _embedded_posts(tree, text)
    posts, text = with_posts != text, with_posts
    text, subheadings = _subheadings(tree, text)
    text, dropped = strip_boilerplate(text, document.title, document.description)
    text, glued = _glued_boilerplate(tree, text)
    text, furniture = _drop_leading_furniture(tree, text)
    text, above_lede = _drop_above_description(text, document.description)
    text, captions = _drop_captions(tree, text)
    text, link_lists = _drop_link_lists(tree, text)
    text, linked_lines = _drop_linked_lines(tree, text)
    jsonld = _jsonld_values(jsonld_text)
    byline = choose_byline(
        declared_bylines,
        (document.author or "").split(";"),
        _origin("authors", document.author, jsonld, meta) if document.author else None,
    )
    text, byline_line = drop_byline_line(text, byline.authors, byline.agency)
    text, bio = _drop_author_bio(text, byline.authors)
    words = len(text.split())
    # Scripts without spaces (Japanese, Chinese) have few "words": count characters too.
    if words < min_words and len(text) < min_words * 8:
        raise NoArticle(
            f"the main text has {words} words, fewer than {min_words}: not an article",
            uri=raw.uri,
        )
    sources: dict[str, str] = {}
    values = {
        "title": document.title,
        "published": document.date,
        "site_name": document.sitename,
        "description": document.description,
        "image": document.image,
    }
    for field, value in values.items():
        if value:
            sources[field] = _origin(field, str(value), jsonld, meta)
    if document.date and sources.get("published") == "html" and raw.url:
        match = URL_DATE.search(raw.url)
        if match and f"{int(match.group(1)):04d}-{int(match.group(2)):02d}" in document.date:
            sources["published"] = "url"
    published = None
    if document.date:
        try:
            published = date.fromisoformat(document.date[:10])
        except ValueError:
            sources.pop("published", None)
    if document.categories:
        sources["categories"] = "html"
    if document.tags:
        sources["tags"] = "html"
    sources["text"] = (
        f"trafilatura-{mode}"
        + ("+teasers" if teasers else "")
        + ("+chunks" if chunks else "")
        + ("+tweets" if posts else "")
        + ("+subheadings" if subheadings else "")
        + ("+boilerplate" if dropped else "")
        + ("+glued-boilerplate" if glued else "")
        + ("+furniture" if furniture else "")
        + ("+above-lede" if above_lede else "")
        + ("+captions" if captions else "")
        + ("+link-lists" if link_lists else "")
        + ("+linked-lines" if linked_lines else "")
        + ("+byline" if byline_line else "")
        + ("+bio" if bio else "")
    )
    if byline.authors_source:
        sources["authors"] = byline.authors_source
    agency = byline.agency
    if agency and byline.agency_source:
        sources["agency"] = byline.agency_source
    else:
        agency = page_byline_agency(bylines)
        if agency:
            sources["agency"] = "html"
        else:
            agency = dateline_agency(text)
            if agency:
                sources["agency"] = "dateline"
            else:
                agency = credit_agency(text)
                if agency:
                    sources["agency"] = "credit"
    return Article(
        text=text,
        title=document.title,
        authors=byline.authors,
        agency=agency,
        published=published,
        site_name=document.sitename,
        language=document.language,
        description=document.description,
        categories=tuple(document.categories or ()),
        tags=tuple(document.tags or ()),
        image=document.image,
        url=raw.url or document.url,
        field_sources=sources,
    )
