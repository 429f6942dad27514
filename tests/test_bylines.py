"""Bylines: person names without roles, outlets or dates; agency bylines and wire datelines
become the article's agency, stored in its own column."""

from __future__ import annotations

import json

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
        # surnames that are also outlet or role words; titles and suffixes
        (["Kara Vossler-Fox", "Mina Fox"], ("Kara Vossler-Fox", "Mina Fox"), None),
        (["Jack White, White House correspondent"], ("Jack White",), None),
        (["Fox Business"], (), None),
        (["Dr. Ilse Brandauer", "Prof Amos Kettering"], ("Ilse Brandauer", "Amos Kettering"),
         None),
        (["Martin Hale III"], ("Martin Hale III",), None),
        # an outlet of a particle and one word; agencies beyond the big three
        (["Al Jazeera and news agencies"], (), None),
        (["Ana Pereda, EFE"], ("Ana Pereda",), "EFE"),
        (["AAP"], (), "Australian Associated Press"),
        (["Tass Ovel"], ("Tass Ovel",), None),
        (["Hanne Wold, USA TODAY", "USA TODAY"], ("Hanne Wold",), None),
        (["Sarah K. Lindgren", "Sarah Lindgren", "SARAH K LINDGREN"], ("Sarah K. Lindgren",),
         None),
        # "by" in other languages; one author written "Last, First"
        (["Por Inés Carvallo"], ("Inés Carvallo",), None),
        (["Von Jana Kühn", "Par Odile Marchand, AFP"], ("Jana Kühn", "Odile Marchand"),
         "Agence France-Presse"),
        (["Von Trapp"], (), None),
        (["Lindqvist, Oskar"], ("Oskar Lindqvist",), None),
        (["Brandauer, Ilse M."], ("Ilse M. Brandauer",), None),
        (["Falk, Reuters"], (), "Reuters"),
        (["Staff, Desk"], (), None),
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
        ("NEW DELHI, Nov 19 (PTI) The ministry said on Tuesday", "Press Trust of India"),
        ("Officials said (PTI) that the ministry agreed", None),
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


STORY = "".join(
    f"<p>Paragraph {i} of the story says what the harbour board decided on Tuesday and why the "
    f"vote on the new ferry schedule split the council members who spoke at the meeting.</p>"
    for i in range(8)
)


def _page(
    head: str = "", top: str = "", byline: str = "", after: str = "", story: str = STORY
) -> RawDocument:
    """A made-up news page: `head` in <head>, `top` before the headline (navigation),
    `byline` between the headline and the `story`, `after` below the story."""
    html = (
        f"<html><head><title>Ferry schedule vote</title>{head}</head><body>{top}"
        f"<article><h1>Ferry schedule vote splits the council</h1>{byline}{story}</article>"
        f"{after}</body></html>"
    )
    return RawDocument(uri="file:///p.html", content=html.encode(), kind="html", source_uri="t")


def _jsonld(data: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def _cleaned(raw: RawDocument):
    article = clean(raw).article
    assert article is not None
    return article


def test_jsonld_graph_authors_by_reference_and_an_organization_author_as_the_agency():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsArticle", "headline": "Ferry schedule vote",
             "author": [{"@id": "#/person/1"}, {"@type": "Organization", "name": "Reuters"}],
             "publisher": {"@id": "#/org"}},
            {"@type": "Person", "@id": "#/person/1", "name": {"name": "Ines Marlow"}},
            {"@type": "Organization", "@id": "#/org", "name": "Harbour Gazette"},
        ],
    }  # fmt: skip
    article = _cleaned(_page(head=_jsonld(graph)))
    assert article.authors == ("Ines Marlow",)
    assert article.agency == "Reuters"
    assert article.field_sources["authors"] == "jsonld"
    assert article.field_sources["agency"] == "jsonld"


def test_jsonld_author_given_and_family_names_and_a_list():
    data = {"@type": "ReportageNewsArticle", "author": [
        {"@type": "Person", "givenName": "Teodor", "familyName": "Vasquez-Lind"},
        "Maren Holt and Ib Sandvik",
    ]}  # fmt: skip
    article = _cleaned(_page(head=_jsonld(data)))
    assert article.authors == ("Teodor Vasquez-Lind", "Maren Holt", "Ib Sandvik")


def test_an_agency_alone_in_the_author_meta_tag_is_the_agency():
    head = (
        "<meta name='author' content='Reuters'>"
        "<meta property='article:author' content='https://www.example.com/reuters'>"
    )
    article = _cleaned(_page(head=head))
    assert article.authors == ()
    assert article.agency == "Reuters"
    assert article.field_sources["agency"] == "meta"


def test_itemprop_author_names_and_not_the_comment_authors():
    byline = (
        "<div itemprop='author' itemscope itemtype='https://schema.org/Person'>"
        "<img alt=''><span itemprop='name'>Oskar Lindqvist</span>"
        "<span itemprop='jobTitle'>Harbour correspondent</span></div>"
    )
    comments = (
        "<section class='comments'><div itemprop='author'>Petra Kowalski</div>"
        "<p>I disagree with the vote.</p></section>"
    )
    article = _cleaned(_page(byline=byline, after=comments))
    assert article.authors == ("Oskar Lindqvist",)
    assert article.field_sources["authors"] == "html"


def test_the_by_line_under_the_headline_names_authors_and_agency():
    nav = "<ul><li><a href='/topics'>By topic</a></li><li>By region</li></ul>"
    byline = (
        "<p class='meta'>By <a href='/staff/ana'>ANA RUIZ</a> and <a href='/staff/tomas'>"
        "Tomas Berg</a>, The Associated Press on Tuesday, March 3, 2020</p>"
    )
    article = _cleaned(_page(top=nav, byline=byline))
    assert article.authors == ("Ana Ruiz", "Tomas Berg")
    assert article.agency == "Associated Press"
    assert article.field_sources["authors"] == "byline"


def test_a_by_line_inside_the_story_is_not_the_byline():
    late = STORY + "<p>By the end of the meeting Mayor Lena Ostrova had left.</p>"
    assert _cleaned(_page(story=late + "<p>By Harald Jensen</p>")).authors == ()


def test_the_publishers_name_in_the_author_tag_is_not_an_author():
    head = (
        "<meta name='author' content='Brightwater Media'>"
        "<meta name='copyright' content='Copyright (c) Brightwater Media 2020'>"
        + _jsonld({"@type": "Article", "author": {"@type": "Person", "name": "Kai Nordstrom"}})
    )
    assert _cleaned(_page(head=head)).authors == ("Kai Nordstrom",)


def test_a_person_the_jsonld_names_as_author_stays_on_a_site_named_after_them():
    head = "<meta property='og:site_name' content='Kai Nordstrom'>" + _jsonld(
        {"@type": "BlogPosting", "author": {"@type": "Person", "name": "Kai Nordstrom"}}
    )
    assert _cleaned(_page(head=head)).authors == ("Kai Nordstrom",)


@pytest.mark.parametrize(
    "block",
    [
        "{'@type': 'NewsArticle', author: broken",
        json.dumps({"@type": "NewsArticle", "author": [7, None, {"@id": ["#a"]}, {"name": 3}]}),
        "[" * 5000 + "]" * 5000,
    ],
)
def test_odd_jsonld_leaves_the_byline_to_the_other_sources(block):
    head = f"<script type='application/ld+json'>{block}</script>"
    article = _cleaned(_page(head=head, byline="<div>By Runa Falk</div>"))
    assert article.authors == ("Runa Falk",)


def test_a_by_line_kept_at_the_top_of_the_body_goes_when_it_names_the_authors():
    article = _cleaned(_page(byline="<p>By Runa Falk and Ole Brandt, Associated Press</p>"))
    assert article.authors == ("Runa Falk", "Ole Brandt")
    assert article.agency == "Associated Press"
    assert "By Runa Falk" not in article.text
    assert article.text.startswith("Paragraph 0 of the story")
    assert article.field_sources["text"].endswith("+byline")


def test_an_opening_sentence_that_starts_with_by_stays_in_the_body():
    opening = "<p>By Tuesday evening Runa Falk had counted the votes twice.</p>"
    article = _cleaned(_page(head="<meta name='author' content='Runa Falk'>", byline=opening))
    assert article.authors == ("Runa Falk",)
    assert "By Tuesday evening Runa Falk had counted the votes twice." in article.text


def test_links_to_author_pages_under_the_headline_name_the_authors():
    byline = (
        "<div class='meta'><a href='/staff/lea-sorensen/'>Lea Sorensen</a> | "
        "<a href='/authors/jonas-ek'>Jonas Ek</a> <time>3 March 2020</time></div>"
    )
    related = "<aside><a href='/author/nils-berg/'>Nils Berg</a></aside>"
    article = _cleaned(_page(byline=byline, after=related))
    assert article.authors == ("Lea Sorensen", "Jonas Ek")


def test_jsonld_creator_when_the_article_has_no_author():
    data = {"@type": "NewsArticle", "creator": ["Hedda Lunde"]}
    assert _cleaned(_page(head=_jsonld(data))).authors == ("Hedda Lunde",)


def test_author_markup_of_other_stories_is_not_the_byline():
    trending = (
        "<div class='trending-list'>"
        + "".join(
            f"<div><a href='/s{i}'>Story {i}</a><span itemprop='author'>{name}</span></div>"
            for i, name in enumerate(["Vera Holm", "Arne Dahl"])
        )
        + "</div><aside><a rel='author' href='/a/x'>Siri Moen</a></aside>"
    )
    byline = "<span itemprop='author'>Emil Strand</span>"
    article = _cleaned(_page(top=trending, byline=byline))
    assert article.authors == ("Emil Strand",)


def test_jsonld_authors_of_the_stories_a_page_lists_are_not_its_own():
    listed = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "NewsArticle", "author": "Vera Holm"}},
    ]}  # fmt: skip
    own = {"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "author": "Emil Strand",
                                             "hasPart": {"@type": "NewsArticle",
                                                         "author": "Arne Dahl"}}}  # fmt: skip
    article = _cleaned(_page(head=_jsonld(listed) + _jsonld(own)))
    assert article.authors == ("Emil Strand",)


def test_a_wire_copyright_notice_at_the_end_names_the_agency():
    story = STORY + (
        "<p>Copyright 2020 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.</p>"
    )
    article = _cleaned(_page(story=story))
    assert article.agency == "Associated Press"
    assert article.field_sources["agency"] == "credit"


def test_the_sites_own_copyright_notice_names_no_agency():
    story = STORY + "<p>Copyright 2020 Harbour Gazette. All rights reserved.</p>"
    assert _cleaned(_page(story=story)).agency is None


def test_a_text_article_with_a_wire_copyright_notice_has_that_agency(tmp_path):
    story = tmp_path / "wire.txt"
    story.write_text(
        "Ferry schedule vote splits the council\n\nBy Runa Falk\n\n"
        "The harbour board voted on Tuesday to cut the winter ferry schedule.\n\n"
        "Council members who spoke at the meeting were split on the plan.\n\n"
        "© Thomson Reuters 2020\n"
    )
    raw = RawDocument(uri=story.as_uri(), content=story.read_bytes(), kind="text", source_uri="t")
    article = _cleaned(raw)
    assert article.authors == ("Runa Falk",)
    assert (article.agency, article.field_sources["agency"]) == ("Reuters", "credit")


def test_the_by_line_is_read_under_the_story_headline_not_under_a_logo():
    promo = "".join(
        f"<p>Promo {i}: read the whole archive of the harbour gazette, with every council "
        f"meeting since the ferry service began, for one low price this month.</p>"
        for i in range(2)
    )
    html = (
        "<html><head><title>Ferry vote</title></head><body><h1 class='logo'>Gazette</h1>"
        f"<div class='promos'>{promo}</div><div class='story'>"
        "<h1>Ferry schedule vote splits the council</h1><p>By Runa Falk</p>"
        f"{STORY}</div></body></html>"
    )
    raw = RawDocument(uri="file:///l.html", content=html.encode(), kind="html", source_uri="t")
    assert _cleaned(raw).authors == ("Runa Falk",)


def test_a_by_line_broken_by_markup_does_not_glue_the_name_to_the_date():
    # "by Jeff Foust<br><span>Monday, …" read as "Jeff FoustMonday"; a name and the outlet
    # in sibling blocks ("ERIC TUCKER</div><div>Associated Press") lost both.
    byline = "<p>by Runa Falk<br><span class='datetime'>Monday, November 18, 2019</span></p>"
    article = _cleaned(_page(byline=byline))
    assert article.authors == ("Runa Falk",)
    assert article.field_sources["authors"] == "byline"
    byline = "<div><div>By ANA RUIZ and TOMAS BERG</div><div>Associated Press</div></div>"
    article = _cleaned(_page(byline=byline))
    assert article.authors == ("Ana Ruiz", "Tomas Berg")
    assert article.agency == "Associated Press"
