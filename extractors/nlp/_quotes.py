"""Direct quotes, their speaker, reporting verb and the outlet they came through.

Quote segments are found in the text between quotation marks (curly or straight, never across
a paragraph break; a paragraph that ends inside an open quote ends the segment). Segments of
fewer than three words ("welcome Putin") are scare quotes, not quotes. The speaker is the
subject of the nearest reporting verb outside quotation marks in the same sentence(s) ("…,”
Kim added."), resolved to a canonical entity (pronouns to the nearest preceding person, or
to the person quoted just before when that quote comes after the name the pronoun would
take); a quote that opens a sentence with no verb of its own is attributed by the sentence
before it in its paragraph ("…, he said. “…”"); a quote that opens a paragraph without a
verb continues the previous paragraph's speaker, and a quote left open at its paragraph's
end continues in the next paragraph-opening quote however far away. An unnamed spokesperson
("a company spokesperson said") speaks for the organisation named just before, so does a
definite description ("the ministry said" after "the Defence Ministry"), and a speaker
"they" after a named spokesperson is that person. A person's office, lawyer or spokesperson
speaks for that person, a statement ("a statement from X", "issued a statement saying")
for its author; "X was quoted (by Tass) as saying" is X's, "As X put it" too. A quote with
no verb is introduced by a verbless lead-in with a colon ("X, in a statement: “…”") or, when
it fills its paragraph, by a person's reported words closing the paragraph before. The
outlet is the organisation of "according to X", "X reported", "quoted by X" or "told X".

Where paragraph breaks were lost (one line per report), a straight mark after a sentence's end
opens the next quote (`_quotes_text`), and a quote that runs straight into an attributed one is
that speaker's. "“…,” he said" after a sentence that gives a person as its source (a reporting
verb's subject, a passive's agent, "according to X") named since the previous quote is that
person's; after an unnamed speaker's quote ("a nurse told reporters") it names no one. A
passive reporting verb speaks for its agent ("was hailed by X as “…”"); a title's holder set
off in apposition ("Head of the X Council, Mitch Hooke, says") speaks, not the organisation.

A named representative of a person ("Akbar Jan, a spokesman for Gul Agha") speaks for that
person; a partial quote set in a speech noun is its author's ("Sharon's accusation that …
'…'"); a one-word surname is the one person named in full with it (or with one letter
different); a capitalised body's name after "the" that the model left untagged speaks; a quoted
title in the writer's sentence has no speaker; a straight mark that closed a quote opens no
quote running to its paragraph's end. A definite role a name modifies ("the Pentagon
spokesman said") is the speaker just named in full, not the organisation.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ._entity_countries import is_media
from ._entity_normalize import doc_text, sentence_index
from ._entity_resolution import ArticleEntities
from ._quotes_speakers import _Resolver
from ._quotes_text import Segment, covered, quote_segments
from ._quotes_verbs import (
    STATEMENT_NOUNS,
    _child_of,
    _governing_verbs,
    _prep_object,
    _reports,
    _speech_author,
    _subject,
)
from ._tokens import sentence_spans
from ._tokens import span as doc_span
from ._tokens import tokens as all_tokens
from ._types import Quote

_OPEN = '“"«'
_CLOSE = '”"»'
MIN_WORDS = 3


def _last_speaker_is_nearer(
    entities: ArticleEntities,
    doc: Doc,
    pronoun: Token,
    previous: Quote | None,
    skip: list[tuple[int, int]],
) -> bool:
    """True when a speaker pronoun ("he said") is better read as the person of the previous
    quote: that quote, a few lines back, has a person as speaker and comes after the mention
    the pronoun resolves to by itself (the speaker is the more recent person)."""
    if previous is None or previous.speaker_entity_id is None:
        return False
    record = entities.records.get(previous.speaker_entity_id)
    if record is None or record.type != "PERSON":
        return False
    if doc_text(doc).count("\n", previous.end_char, pronoun.idx) > 4:
        return False
    found = entities.antecedent(doc, pronoun.i, skip)
    if found is None or entities.entity_of[found] == previous.speaker_entity_id:
        return False
    return entities.mentions[found].start_char < previous.start_char


def _title(span: Span, inside: list[bool]) -> bool:
    """Quoted words that are a title in the writer's sentence ("heard a recording of “My
    Sweet Lord,”"): a noun phrase of at most six words, each capitalised, with no verb,
    hanging from a word outside the quotation marks."""
    words = [t for t in span if t.is_alpha]
    root = span.root
    return (
        0 < len(words) <= 6
        and all(t.text[:1].isupper() for t in words)
        and not any(t.pos_ in {"VERB", "AUX"} for t in span)
        and root.head.i != root.i
        and not inside[root.head.i]
        and root.dep_ in {"pobj", "dobj", "appos", "attr", "nsubj", "compound"}
    )


_MEDIA_WORDS = frozenset({
    "agency", "news", "newspaper", "broadcaster", "media", "outlet", "television", "radio",
    "wire", "daily", "tabloid", "channel",
})  # fmt: skip


def _news_outlets(doc: Doc, entities: ArticleEntities) -> set[str]:
    """Organisations the article presents as news media ("state-run news agency KCNA")."""
    outlets = set()
    for n, mention in enumerate(entities.mentions):
        if mention.label != "ORG":
            continue
        before = doc_span(doc, max(mention.start - 4, 0), mention.start)
        if any(t.lower_ in _MEDIA_WORDS for t in before):
            outlets.add(entities.entity_of[n])
    return outlets


def extract_quotes(doc: Doc, entities: ArticleEntities) -> list[Quote]:
    def opens_paragraph_of(start: int) -> bool:
        return text.rfind("\n", 0, start) >= start - 3

    text = doc_text(doc)
    segments = quote_segments(text)
    if not segments:
        return []
    sentence_of = sentence_index(doc)
    bounds = [(s.start - 1, s.end + 1) for s in segments]
    marks = covered(len(text) + 1, bounds)
    inside = [marks[t.idx] == 1 for t in all_tokens(doc)]
    sents = sentence_spans(doc) if doc.has_annotation("SENT_START") else [doc[:]]
    resolver = _Resolver(doc, entities, [(s.start, s.end) for s in segments])
    outlets = _news_outlets(doc, entities)
    quotes: list[Quote] = []
    own: list[bool] = []  # per quote: attributed by its own sentence(s), not taken over
    anonymous: list[bool] = []  # per quote: said by someone the text does not name
    previous: Quote | None = None
    for number, segment in enumerate(segments):
        if _misread_close(text, segments, number):
            continue
        span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        first, last = sentence_of[span.start], sentence_of[span.end - 1]
        # the attribution is in the quote's paragraph; after a quote that ends its own
        # sentence ("… them.”) only what comes before it can attribute it
        para_start = text.rfind("\n", 0, segment.start) + 1
        para_end = text.find("\n", segment.end)
        para_end = len(text) if para_end < 0 else para_end
        closed = text[segment.start : segment.end].rstrip().endswith(".")
        window = [
            t for s in sents[first : last + 1] for t in s
            if not inside[t.i] and para_start <= t.idx < para_end
            and not (closed and t.idx >= segment.end)
        ]  # fmt: skip
        fragment = text[segment.start : segment.end].lstrip()[:1].islower()
        # a partial quote set in the writer's clause ("privacy, which Apple views as 'a
        # fundamental human right'"): the subject of the verb it hangs from, when its own
        # sentence has no reporting verb; the next sentence's attribution is another's
        governed: tuple[str | None, str | None] | None = None
        if fragment and not any(_reports(t) for t in window):
            for verb in _governing_verbs(span, inside):
                subject = _subject(verb, inside)
                if subject is not None and not inside[subject.i]:
                    found_text, found_id = resolver.who(subject)
                    record = entities.records.get(found_id or "")
                    if found_id is not None and governed is None:
                        governed = found_text, found_id
                    if record is not None and record.type in {"PERSON", "ORG"}:
                        # "Israel launched raids after Sharon branded it a 'sponsor of
                        # terrorism'": a person or body in a clause the quote hangs from
                        # before the country of the main clause
                        governed = found_text, found_id
                        break
        if (
            governed is None
            and not closed
            and last + 1 < len(sents)
            and not any(_reports(t) for t in window)
        ):
            # “Don’t mind me!” he told them.: the attribution is the next sentence
            window += [t for t in sents[last + 1] if not inside[t.i] and t.idx < para_end]
        if (
            governed is None
            and first > 0
            and sents[first].start >= span.start - 1
            and not any(_reports(t) for t in window)
        ):
            # … the rules, he said. “But does that mean …?”: a quote that opens a sentence
            # with no attribution of its own is attributed by the sentence before it in its
            # paragraph
            window = [
                t for t in sents[first - 1] if not inside[t.i] and t.idx >= para_start
            ] + window
        # a reporting verb in a relative clause of the sentence before ("Mr Kissinger, who
        # has denied …, appeared concerned. “…”") attributes nothing after that sentence
        verbs = [
            t for t in window
            if _reports(t) and not (t.dep_ == "relcl" and t.i < sents[first].start)
        ]  # fmt: skip
        speaker_text = speaker_id = verb_text = None
        for verb in sorted(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end))):
            subject = _subject(verb, inside)
            if subject is not None and subject.idx < para_start:
                # a parse that glued a subheading to the paragraph: "Near-term consolidation
                # likely / … investor George Soros had said": the name before the verb
                subject = next(
                    (all_tokens(doc)[m.start] for m in reversed(entities.mentions)
                     if para_start <= m.start_char < verb.idx and m.label in {"PERSON", "ORG"}),
                    None,
                )  # fmt: skip
            if subject is None:
                continue
            verb_text = verb.lemma_.lower()
            speaker_text, speaker_id = resolver.who(subject)
            for other in verb.children:
                # "the news agency Afghan Islamic Press said": a name the parser made a
                # second subject beside the description it stands in apposition to
                if speaker_id is not None:
                    break
                if other.dep_ == "nsubj" and other.i != subject.i and not inside[other.i]:
                    other_text, other_id = resolver.who(other)
                    if other_id is not None:
                        speaker_text, speaker_id = other_text, other_id
            if subject.lower_ in {"he", "she"} and _last_speaker_is_nearer(
                entities, doc, subject, previous, resolver.skip
            ):
                # “…,” Figgins said. … the rules, he said.: the person quoted since the name
                # the pronoun would otherwise take ("Thomas", named before that quote)
                assert previous is not None
                speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
            if subject.lower_ in {"he", "she"} and sents[first].start >= span.start - 1:
                # Policy was spelt out by spokesman Raanan Gissin. “…,” he said.: the person
                # the sentence before introduces as the source of its words
                introduced = _introducer(sents[first - 1] if first else None, inside, resolver)
                if introduced is not None and (
                    previous is None or introduced[2] >= previous.end_char
                ):
                    speaker_text, speaker_id = introduced[:2]
            if (
                subject.lower_ in {"he", "she"}
                and previous is not None
                and anonymous[-1]
                and "\n" not in text[previous.end_char : subject.idx]
                and not any(
                    m.label == "PERSON" and previous.end_char <= m.start_char < subject.idx
                    for m in entities.mentions
                )
            ):
                # “…,” a staff member told AFP. “…,” he said.: the unnamed speaker just
                # quoted, with no one named since, is no one the text names
                speaker_text = speaker_id = None
                break
            if speaker_id is not None:
                break
        if speaker_id is None and governed is not None:
            speaker_text, speaker_id = governed
        author = _speech_author(span, inside) if fragment else None
        if author is not None:
            # "Mr Sharon's accusation that Mr Arafat was 'responsible for …'": the words are
            # the author's of the speech noun they are part of, whoever reports them
            found_text, found_id = resolver.who(author)
            if found_id is not None:
                speaker_text, speaker_id = found_text, found_id
        if speaker_id is None and not verbs and fragment:
            # a partial quote set in the writer's sentence: "Benioff introduced Cook as
            # 'someone who …'", "Apple views privacy as 'a fundamental human right'"
            root = sents[first].root if first < len(sents) else None
            inside_sentence = root is not None and not inside[root.i]
            subject = _subject(root, inside) if inside_sentence and root is not None else None
            if subject is not None:
                found_text, found_id = resolver.who(subject)
                if found_id is not None:
                    speaker_text, speaker_id = found_text, found_id
        outlet_text = outlet_id = None
        for token in window:
            target = None
            if token.lower_ == "according":
                target = _prep_object(token, "to")
            elif token.lemma_ == "report" and token.pos_ == "VERB":
                target = _subject(token, inside)
            elif token.lemma_ == "tell" and token.pos_ == "VERB":
                target = next((c for c in token.children if c.dep_ in {"dobj", "dative"}), None)
            elif token.lemma_ == "quote" and token.pos_ == "VERB":
                # "was quoted by Tass as saying", "Tass quoted him as saying"
                agent = _child_of(token, "agent")
                target = _child_of(agent, "pobj") if agent is not None else None
                target = target or _child_of(token, "nsubj")
            if target is None:
                continue
            name, eid = resolver.who(target)
            record = entities.records.get(eid or "")
            if (
                token.lemma_ == "quote"
                and record is not None
                and not (eid in outlets or is_media(record.name))
            ):
                continue  # "the Kremlin quoted Putin as saying": no outlet
            if (
                token.lower_ == "according"
                and record is not None
                and record.type == "PERSON"
                and speaker_id is None
                and speaker_text is None
            ):
                speaker_text, speaker_id = name, eid  # "According to Peskov, “…”"
                continue
            if record is not None and record.type == "ORG":
                media = eid in outlets or is_media(record.name)
                if (
                    speaker_id is None
                    and speaker_text is None
                    and not (media and token.lemma_ != "report")
                ):
                    speaker_text, speaker_id = name, eid
                elif eid != speaker_id:
                    # "told AFP", "according to Tass": the words came through an outlet
                    outlet_text, outlet_id = name, eid
        if outlet_id is None and speaker_id in outlets:  # "…,” KCNA said: the outlet speaks
            outlet_text, outlet_id = speaker_text, speaker_id
        opens_paragraph = text.rfind("\n", 0, segment.start) >= segment.start - 3
        same_paragraph = (
            previous is not None and "\n" not in text[previous.end_char : segment.start]
        )
        # a quote with its own attribution to no one ("…," a senior official said) is
        # no continuation of the previous speaker
        own_attribution = any(_subject(verb, inside) is not None for verb in verbs)
        own.append(own_attribution or speaker_text is not None)
        named = [found for found in map(_subject, verbs) if found is not None]
        anonymous.append(speaker_text is None and bool(named) and named[0].pos_ != "PRON")
        if speaker_text is None and not own_attribution and opens_paragraph_of(segment.start):
            # "In a speech, Kim said:" closing the paragraph before: the quote is Kim's
            before = text[: segment.start].rstrip().rstrip(_OPEN).rstrip()
            if before.endswith(":"):
                colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
                if colon is not None:
                    for verb in reversed(list(sents[sentence_of[colon.start]])):
                        if _reports(verb):
                            subject = _subject(verb, inside)
                            if subject is not None:
                                speaker_text, speaker_id = resolver.who(subject)
                                verb_text = verb.lemma_.lower()
                            break
        subjects = [found for found in map(_subject, verbs) if found is not None]
        if (
            speaker_id is None
            and subjects
            and subjects[0].lower_ in {"he", "she"}
            and previous is not None
            and previous.speaker_entity_id is not None
            and entities.records.get(previous.speaker_entity_id) is not None
            and entities.records[previous.speaker_entity_id].type == "PERSON"
            and text.count("\n", previous.end_char, segment.start) <= 4
        ):
            # "…,” he said later, with no name near: the person quoted just before
            speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
        # a quote left open at the end of its paragraph and taken up by the next quote that
        # opens a paragraph is one quote over several paragraphs (the newswire convention),
        # however many lines (a heading, an embedded post) come between
        lead = None
        if (
            speaker_text is None
            and not verbs
            and not fragment
            and first > 0
            and sents[first].start >= span.start - 1
            and sents[first - 1].start_char >= para_start
        ):
            # Bridenstine expects three rockets by 2024. “Adding another SLS …”: a quote
            # sentence with no attribution after a sentence whose subject is a person
            root = sents[first - 1].root
            subject = None if inside[root.i] else _subject(root, inside)
            if subject is not None and not inside[subject.i]:
                found_text, found_id = resolver.who(subject)
                record = entities.records.get(found_id or "")
                if record is not None and record.type == "PERSON":
                    lead = found_text, found_id, subject.idx
        if lead is not None and (previous is None or lead[2] >= previous.end_char):
            # that person, named since the previous quote, is who speaks now, not the
            # previous quote's speaker continued
            speaker_text, speaker_id = lead[:2]
        continued = (
            previous is not None
            and opens_paragraph
            and text[previous.end_char : previous.end_char + 1] in {"\n", ""}
        )
        if (
            speaker_text is None
            and not own_attribution
            and previous is not None
            and (opens_paragraph or same_paragraph)
            and previous.speaker_text is not None
            and (continued or text.count("\n", previous.end_char, segment.start) <= 3)
        ):
            speaker_text, speaker_id = previous.speaker_text, previous.speaker_entity_id
            verb_text, outlet_text, outlet_id = (
                previous.verb,
                previous.outlet_text,
                previous.outlet_entity_id,
            )
        if speaker_text is None and lead is not None:
            speaker_text, speaker_id = lead[:2]
        if speaker_text is None and not verbs:
            speaker_text, speaker_id = _introduced_by(
                doc, text, segment.start, span, sents[first], inside, resolver
            )
        root = span.root
        if (
            root.dep_ in {"nmod", "compound", "amod"}
            and not inside[root.head.i]
            and root.head.pos_ == "NOUN"
            and root.head.i == span.end + 1
        ):
            # the CBS “Face the Nation” program: the words name the noun after them, a title
            # no one speaks
            speaker_text = speaker_id = verb_text = None
        if _title(span, inside):
            # a recording of “My Sweet Lord,”: a title set in the writer's sentence
            speaker_text = speaker_id = verb_text = None
        quote = Quote(
            quote_index=len(quotes),
            sentence_index=first,
            start_char=segment.start,
            end_char=segment.end,
            text=text[segment.start : segment.end].strip().rstrip(",;:").strip(),
            speaker_text=speaker_text,
            speaker_entity_id=speaker_id,
            verb=verb_text,
            outlet_text=outlet_text,
            outlet_entity_id=outlet_id,
        )
        quotes.append(quote)
        previous = quote
    return _adjacent_speakers(text, quotes, own)


def _misread_close(text: str, segments: list[Segment], number: int) -> bool:
    """A segment that a straight mark opened by closing the one before (`_quotes_text`: "…
    too early this season. "Seles, slow into her stride, …") and that runs to its paragraph's
    end with no closing mark: the mark only closed the quote before, the words after it are
    the writer's."""
    segment = segments[number]
    if number == 0 or segments[number - 1].end != segment.start - 1:
        return False
    end = text.find("\n", segment.end)
    return segment.end == (len(text) if end < 0 else end) and text[segment.start - 1] == '"'


def _introducer(
    sentence: Span | None, inside: list[bool], resolver: _Resolver
) -> tuple[str, str, int] | None:
    """(text, entity id, offset) of the last person a sentence gives as the source of what
    it reports, outside quotes: the subject of a reporting verb ("Gambill said the win …"),
    the agent of a passive ("was spelt out by spokesman Raanan Gissin") or the object of
    "according to" ("…, according to Defense Secretary Donald Rumsfeld")."""
    if sentence is None:
        return None
    found = None
    for token in sentence:
        if inside[token.i]:
            continue
        target = None
        if token.lower_ == "according":
            target = _prep_object(token, "to")
        elif token.dep_ == "agent" and token.head.pos_ == "VERB":
            target = _child_of(token, "pobj")
        elif _reports(token) and token.dep_ in {"ROOT", "conj"}:
            target = _subject(token, inside)
        if target is None or inside[target.i] or target.pos_ not in {"PROPN", "NOUN"}:
            continue
        text, entity_id = resolver.who(target)
        record = resolver.entities.records.get(entity_id or "")
        if text is not None and entity_id is not None and record and record.type == "PERSON":
            found = text, entity_id, target.idx
    return found


def _introduced_by(
    doc: Doc,
    text: str,
    start: int,
    span: Span,
    sentence: Span,
    inside: list[bool],
    resolver: _Resolver,
) -> tuple[str | None, str | None]:
    """The speaker of a quote with no verb of its own, introduced by what comes before it:

    - a verbless lead-in ending in a colon, in the quote's sentence, whose head is a name or
      someone's statement ("Governor Kathy Hochul, in a statement: “…”", "Cook's reply:");
    - the last sentence of the paragraph before, when the quote fills its own paragraph and
      that sentence reports a person's words ("Klobuchar said the plan would fail. / “It is
      a disaster …”", the newswire convention)."""
    colon = start
    while colon > 0 and text[colon - 1] in _OPEN:
        colon -= 1
    while colon > 0 and text[colon - 1].isspace():
        colon -= 1
    colon -= 1  # the last character before the opening mark
    if colon >= sentence.start_char and text[colon] == ":":
        lead = [t for t in sentence if t.idx < colon and not inside[t.i]]
        if lead and not any(t.pos_ in {"VERB", "AUX"} for t in lead):
            for token in lead:
                head_outside = token.head.i == token.i or not (
                    sentence.start <= token.head.i and token.head.idx < colon
                )
                named = token.pos_ == "PROPN" or token.lemma_.lower() in STATEMENT_NOUNS
                if named and head_outside:
                    found_text, found_id = resolver.who(token)
                    record = resolver.entities.records.get(found_id or "")
                    if record is not None and record.type in {"PERSON", "ORG"}:
                        return found_text, found_id
        return None, None
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    para_end = len(text) if para_end < 0 else para_end
    if text[para_start:start].strip(_OPEN + " ") or sentence.start == 0:
        return None, None
    for token in doc[span.start :]:
        if token.idx >= para_end:
            break
        if not (inside[token.i] or token.is_punct or token.is_space):
            return None, None  # the paragraph has words of its own beside the quote
    previous = all_tokens(doc)[sentence.start - 1].sent
    if text.count("\n", previous.end_char, start) > 2 or previous.start_char >= para_start:
        return None, None
    for verb in previous:
        if _reports(verb) and not inside[verb.i] and verb.dep_ in {"ROOT", "conj"}:
            subject = _subject(verb, inside)
            if subject is None or inside[subject.i]:
                continue
            found_text, found_id = resolver.who(subject)
            record = resolver.entities.records.get(found_id or "")
            if record is not None and record.type == "PERSON":
                return found_text, found_id
    return None, None


def _adjacent_speakers(text: str, quotes: list[Quote], own: list[bool]) -> list[Quote]:
    """A quote with no attribution of its own that runs straight into the next quote (“I
    cannot disagree with it.” “But with eight launches, …,” he concluded.) is the words of
    that quote's speaker: two passages with nothing between them but space are one speech,
    whoever spoke before them (`own`: the quotes attributed by their own sentences)."""
    result = list(quotes)
    for n in range(len(result) - 2, -1, -1):
        quote, after = result[n], result[n + 1]
        if own[n] or after.speaker_entity_id is None:
            continue
        between = text[quote.end_char : after.start_char]
        if between.strip(_OPEN + _CLOSE + " ") or "\n" in between:
            continue
        result[n] = replace(
            quote,
            speaker_text=after.speaker_text,
            speaker_entity_id=after.speaker_entity_id,
            verb=after.verb,
            outlet_text=after.outlet_text,
            outlet_entity_id=after.outlet_entity_id,
        )
    return result
