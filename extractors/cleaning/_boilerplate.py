"""Paragraphs trafilatura keeps that are not the article: shapes, not site strings.

`strip_boilerplate` drops, from the main text trafilatura returns, whole paragraphs of a few
shapes that recur across outlets and are never the story itself:

    headline    the page's own headline (and the deck after it) repeated as the first lines
    lead-in     "Read more: <headline>", "Related: <headline>", "[Related: ...]"
    promo       newsletter and membership pitches ("Sign up for ... newsletter", "Subscribe
                to ...'s newsletters", "If you enjoyed this article ... join", "Click here")
    contact     "Follow us on Twitter", "Email the reporter at x@y.com", "Reach the reporters
                on Twitter at http://..."
    credits     wire credit lines: "(Reporting by ...; Editing by ...)", "... contributed to
                this report.", "Edited by: ..."
    comments    comment-box prompts: "Tell us what you think", "12 comments"; the site's
                notice about them ("Note: we are temporarily moderating all comments")
    site notice the site speaking of itself: "turn off your ad blocker", "Your privacy is
                important to us", "Tell us what you think about our new look", "5 Min
                Read", "Embed this video"
    date        a date (and time) alone on its line: "Wednesday 20 November 2019 11:42, UK"
    link line   a label and a bare URL ("Listen: http://...")
    link list   a "Don't miss" / "Related articles" heading and the headlines under it
    timestamp   "Updated at 1:23 p.m.", "Published on 19 Nov 2019"
    heading     a short heading left last in the text once the section under it went

Each shape is bounded in length (a long paragraph is text, whatever words it holds), and a
paragraph is only dropped if text remains.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# A headline has no sentence-final punctuation; a lede paragraph does.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
LEAD_IN = re.compile(
    r"^\[?\s*(?:read more|read also|also read|see also|related(?: article| story)?s?|"
    r"recommended(?: reading)?|more from [\w .'’-]{1,40}|don['’]t miss)\s*[:|]\s*\S",
    re.IGNORECASE,
)
PROMO = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|subscription)\b.{0,120}"
    r"\b(?:newsletters?|inbox|e-?mail updates|briefing)\b"
    r"|\b(?:newsletters?|inbox)\b.{0,120}\b(?:sign(?:ing)? up|subscribe)\b"
    r"|\bif you (?:enjoyed|liked|value|appreciate) (?:this|our) (?:article|story|journalism)\b"
    r"|\bclick here\b",
    re.IGNORECASE,
)
CONTACT = re.compile(
    r"\bfollow (?:us|him|her|them|me) (?:on|at) (?:twitter|facebook|instagram|linkedin)\b"
    r"|\b(?:email|e-mail|reach|contact) (?:the )?(?:reporters?|authors?|writers?|editors?|us|him"
    r"|her|them|me|(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}))\b[^.]{0,40}?"
    r"(?:\S+@\S+\.\w+|\bon twitter at\b)"
    r"|\bmay be reached at \S+@\S+"
    r"|\bhave a (?:news )?tip\?",
    re.IGNORECASE,
)
CREDITS = re.compile(
    r"^\(?\s*(?:additional )?(?:reporting|writing|editing) by\b[^()]{0,300}\)?$"
    r"|^(?:researched|edited|written|reported|compiled|produced) by:\s"
    r"|^[^.]{0,120}\bcontributed (?:reporting )?to this (?:report|story|article)\.?$",
    re.IGNORECASE,
)
COMMENTS = re.compile(
    r"^(?:tell us what you think|what do you think\?|leave a comment|join the (?:conversation|"
    r"discussion)|\d+\s+comments?|comments?)\W*$",
    re.IGNORECASE,
)
# A site's notice about its comment section, in its own voice ("Note: we are temporarily
# moderating all comments ...", "Comments are moderated and will appear after review", "Read
# our comment policy"): the site's "we"/"our"/"your" near comments and their moderation or
# policy, opening the paragraph (a story's quote opens with a quotation mark).
COMMENT_NOTICE = re.compile(
    r"^(?:(?:please )?note:\s*)?(?:"
    r"(?:we|we're|we are|our)\b.{0,40}\b(?:moderat\w*|review\w*|approv\w*|clos\w*)\b"
    r".{0,20}\bcomments?\b"
    r"|(?:all |your )?comments? (?:are|is|will be|may be) (?:moderated|reviewed|closed)\b"
    r"|(?:read |see )?(?:our|the) comments? (?:policy|guidelines)\b)",
    re.IGNORECASE,
)
# The site speaking of itself, not of the story: a plea to turn off an ad blocker, its
# privacy or cookie notice, a request for feedback on the site, the reading time, and a media
# player's own links ("Embed this video", "More videos (1 of 9)").
SITE_NOTICE = re.compile(
    r"\b(?:turn off|disable|pause|whitelist)\b.{0,40}\bad[- ]?block"
    r"|^(?:your privacy (?:is important|matters) to us\b|this (?:site|website) uses cookies\b"
    r"|we (?:use|have updated|value)\b.{0,60}\b(?:cookies|privacy)\b"
    r"|by (?:using|continuing to use) (?:this|our) (?:site|website)\b)"
    r"|^(?:we want to hear|we(?:'d| would) love to hear|tell us what you think)\b"
    r"|^\d+\s*min(?:ute)?s?\.?\s+read$"
    r"|^(?:link to|embed|share|save) this (?:video|article|story|page)$|^more videos\b",
    re.IGNORECASE,
)
# A date, and maybe a time, alone on its line ("November 20, 2019", "Wednesday 20 November
# 2019 11:42, UK"): the page's dateline furniture.
DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:,?\s+(?-i:[A-Z]{2,4}))?)?$",
    re.IGNORECASE,
)
LINK_LINE = re.compile(r"^[\w][\w '’-]{0,30}:\s*https?://\S+$")
# "Updated at 1:23 p.m. ET", "Published: Tuesday, 19 November 2019 | 10:41 GMT": the word, then
# only dates and times.
STAMP = re.compile(
    r"^\(?(?:last )?(?:updated|published|posted|modified)\b(?:\s+(?:at|on))?:?"
    r"((?:\s+(?:\d[\d:/.,-]*(?:st|nd|rd|th)?,?|[ap]\.?m\.?|(?-i:[A-Z]{2,4})|[|–-]"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?))+)\)?$",
    re.IGNORECASE,
)

# The heading of a list of links to other stories, alone on its line ("DON'T MISS", "Related
# Articles", "More on this story"); the headlines under it go with it (`_link_list`).
LIST_HEADING = re.compile(
    r"^(?:don['’]t miss|read more|read also|also read|see also|related(?: articles?| stor(?:y|ies)"
    r"| links| coverage| content| news)?|more on this(?: story| topic)?|more stories|"
    r"you (?:may|might) also like|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular)|trending(?: now)?|top stories|latest news)\W*$",
    re.IGNORECASE,
)
# A headline under such a heading: a short line with no sentence-final punctuation, maybe a
# tag in brackets ("Plague warning: CDC names eight diseases [WARNING]").
LIST_HEADLINE_WORDS = 25
BRACKET_TAG = re.compile(r"\s*\[[^\]]{1,20}\]$")

MAX_WORDS = {
    "lead-in": 30, "promo": 60, "contact": 40, "credits": 60, "comments": 6, "timestamp": 12,
    "comment notice": 30, "site notice": 40, "date": 10,
}  # fmt: skip
# A heading left with nothing under it at the end of the text (its section was boilerplate).
HEADING_WORDS = 8


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _starts_like_a_line(line: str) -> bool:
    """Not the continuation of a sentence wrapped onto a new line."""
    return bool(line) and not line[0].islower() and line[0] not in ",;:)"


def _is_headline(line: str, title: str | None) -> bool:
    """A short unpunctuated line saying what the page's title says (the overlap of their words
    over the shorter one's: a site may shorten a headline or reword it for its <title>)."""
    if not title or not _starts_like_a_line(line) or SENTENCE_END.search(line):
        return False
    words, title_words = set(_words(line)), set(_words(title))
    if len(words) < 3 or not title_words or len(words) > 30:
        return False
    return len(words & title_words) / min(len(words), len(title_words)) >= 0.6


def _link_list(lines: list[str], body: list[int], at: int) -> list[int]:
    """Indexes of a list of links to other stories starting at body position `at`: its
    heading and the headlines right under it (at least one), or none."""
    if not LIST_HEADING.match(lines[body[at]]):
        return []
    found = [body[at]]
    for i in body[at + 1 : at + 9]:
        line = BRACKET_TAG.sub("", lines[i])
        words = len(line.split())
        if not (_starts_like_a_line(line) and 2 <= words <= LIST_HEADLINE_WORDS):
            break
        if SENTENCE_END.search(line):
            break
        found.append(i)
    return found if len(found) >= 2 else []


def _shape(line: str) -> str | None:
    """The boilerplate shape of one paragraph, or None when it may be text."""
    words = len(line.split())
    checks = (
        ("lead-in", LEAD_IN.search),
        ("credits", CREDITS.search),
        ("comments", COMMENTS.search),
        ("promo", PROMO.search),
        ("contact", CONTACT.search),
        ("timestamp", STAMP.search),
        ("comment notice", COMMENT_NOTICE.search),
        ("site notice", SITE_NOTICE.search),
        ("date", DATE_ONLY.search),
    )
    for name, check in checks:
        if words <= MAX_WORDS[name] and check(line):
            return name
    if LINK_LINE.match(line):
        return "link line"
    return None


def boilerplate_shape(paragraph: str) -> str | None:
    """The boilerplate shape of one paragraph read alone (no headline, list or position
    context), or None when it may be text."""
    line = " ".join(paragraph.split())
    return _shape(line) if _starts_like_a_line(line) else None


def strip_boilerplate(
    text: str, title: str | None = None, description: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """The text without boilerplate paragraphs, and the shapes of what was dropped."""
    lines = [line.strip() for line in text.split("\n")]
    keep = [bool(line) for line in lines]
    dropped: list[str] = []
    body = [i for i, line in enumerate(lines) if line]
    # The headline (and, right after it, the deck the page declares as its description).
    # A page whose description is its first words (a summary cut from the body) opens with
    # body text, even where that text repeats the title's words.
    opening = _words(lines[body[0]]) if body else []
    summary_cut_from_body = _words(description or "")[: len(opening)] == opening
    if body and _is_headline(lines[body[0]], title) and not summary_cut_from_body:
        keep[body[0]] = False
        dropped.append("headline")
        deck_line = lines[body[1]] if len(body) > 1 else ""
        if description and _starts_like_a_line(deck_line) and not SENTENCE_END.search(deck_line):
            deck = set(_words(deck_line))
            if len(deck) >= 3 and deck <= set(_words(description)):
                keep[body[1]] = False
                dropped.append("deck")
    title_words = _words(title or "")
    for at, i in enumerate(body):
        if not keep[i]:
            continue
        listed = _link_list(lines, body, at)
        if listed:
            for j in listed:
                keep[j] = False
            dropped.append("link list")
            continue
        if title_words and _words(lines[i]) == title_words and not SENTENCE_END.search(lines[i]):
            keep[i] = False
            dropped.append("headline")
            continue
        shape = _shape(lines[i])
        if shape:
            keep[i] = False
            dropped.append(shape)
    # A heading whose section went as boilerplate and that now ends the text goes too.
    last = max((i for i in body if keep[i]), default=None)
    if last is not None and not keep[next((i for i in body if i > last), last)]:
        line = lines[last]
        if (
            line[0].isupper()
            and 2 <= len(line.split()) <= HEADING_WORDS
            and not SENTENCE_END.search(line.rstrip(":"))
            and not re.search(r"[()\[\]@]", line)
        ):
            keep[last] = False
            dropped.append("heading")
    kept = [line for line, flag in zip(lines, keep, strict=True) if flag]
    if not kept:
        return text, ()
    return "\n".join(kept), tuple(dropped)
