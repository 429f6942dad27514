"""Bylines: person names without roles, outlets or dates; agency bylines and wire datelines
become the article's agency, stored in its own column."""

from __future__ import annotations

import pytest

from newsflow import pipeline
from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean, clean_byline, dateline_agency


@pytest.mark.parametrize(
    ("names", "authors", "agency"),
    [
        (["AP National Security Writer"], (), "Associated Press"),
        (["Jill Lawless Associated Press"], ("Jill Lawless",), "Associated Press"),
        (["Jerusalem Post Staff November"], (), None),
        (["Syrian Defense Ministries", "The Russian"], (), None),
        (["Tom Gillespie News reporter"], ("Tom Gillespie",), None),
        (["Lisa Kaczke, Sioux Falls Argus Leader"], ("Lisa Kaczke",), None),
        (["Meg Kinnard", "Errin Haines", "Associated Press"],
         ("Meg Kinnard", "Errin Haines"), "Associated Press"),
        (["By Simone McCarthy, Manveena Suri and Lucas Lilieholm"],
         ("Simone McCarthy", "Manveena Suri", "Lucas Lilieholm"), None),
        (["Reuters Staff"], (), "Reuters"),
        (["Trevor J. Mitchell", "trevor j. mitchell"], ("Trevor J. Mitchell",), None),
        (["Jose de la Cruz"], ("Jose de la Cruz",), None),
        (["HNN Staff"], (), None),
        (["Tom Davies Associated Press Published 11:34 PM EST Nov 19, 2019"],
         ("Tom Davies",), "Associated Press"),
        # capitals, other scripts' capitals, separators, a name shown twice, a role first
        (["By NORA QUELLET and PAUL MCBRIDE, Associated Press"],
         ("Nora Quellet", "Paul McBride"), "Associated Press"),
        (["Émile Zoller", "Łucja Nowicka-Bär"], ("Émile Zoller", "Łucja Nowicka-Bär"), None),
        (["By Dana Whitcombe - 03/04/21 10:15 AM EST"], ("Dana Whitcombe",), None),
        (["by Ola Brenner @olabrenner • 3 min read"], ("Ola Brenner",), None),
        (["By Rhea Castel Rhea Castel"], ("Rhea Castel",), None),
        (["Senior Political Reporter Ivo Marsh"], ("Ivo Marsh",), None),
        (["Ivo Marsh is a reporter"], (), None),
        (["By viewing this video you accept the terms"], (), None),
    ],
)  # fmt: skip
def test_a_byline_keeps_person_names_and_records_the_agency(names, authors, agency):
    byline = clean_byline(names)
    assert byline.authors == authors
    assert byline.agency == agency


def test_lowercase_ap_is_a_word_not_an_agency():
    assert clean_byline(["Kim Ap"]).agency is None


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("NEW YORK (Reuters) - Oil prices fell sharply on Tuesday", "Reuters"),
        ("Patrick heads south\nCOLUMBIA, S.C. (AP) — About a dozen", "Associated Press"),
        ("word " * 30 + "said (AP) - far from the start of the line", None),
        ("A story with no dateline at all.", None),
    ],
)  # fmt: skip
def test_a_wire_dateline_names_the_agency(text, agency):
    # the dateline opens the text or its first paragraph after the headline
    assert dateline_agency(text) == agency


def _html(byline_meta: str, byline_html: str, first: str) -> bytes:
    body = "".join(f"<p>{first} Paragraph {i} of the story tells what happened here.</p>"
                   for i in range(12))  # fmt: skip
    return (
        f"<html><head><title>Teachers rally</title><meta name='author' content='{byline_meta}'>"
        f"</head><body><article><h1>Teachers rally</h1><div class='byline-section'>"
        f"{byline_html}</div>{body}</article></body></html>"
    ).encode()


def test_an_html_page_gets_its_agency_from_its_byline_elements():
    raw = RawDocument(
        uri="file:///page.html",
        content=_html("Tom Davies", "<span>Tom Davies</span> <span>Associated Press</span>", ""),
        kind="html",
        source_uri="test",
    )
    article = clean(raw).article
    assert article is not None
    assert article.authors == ("Tom Davies",)
    assert article.agency == "Associated Press"
    assert article.field_sources["agency"] == "html"


def test_a_text_article_with_a_wire_dateline_stores_its_agency(tmp_path):
    story = tmp_path / "wire.txt"
    story.write_text(
        "Oil falls on oversupply\n\nBy Rodrigo Campos\n\n"
        "NEW YORK (Reuters) - Oil prices fell sharply on Tuesday on oversupply concerns.\n\n"
        "Stocks rose for a seventh straight session after gains in Asia.\n"
    )
    db = tmp_path / "news.duckdb"
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(story)], workers=0))
    from newsflow import storage

    with storage.open_reader(db) as store:
        rows = store.rows("SELECT authors, agency FROM articles")
        versions = store.rows("SELECT agency FROM article_versions")
    assert rows == [(["Rodrigo Campos"], "Reuters")]
    assert versions == [("Reuters",)]
