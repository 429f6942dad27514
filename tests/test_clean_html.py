"""The clean step on small made-up pages: trafilatura's precision mode with a recall fallback
when its text comes out short, and boilerplate paragraphs dropped by shape."""

from __future__ import annotations

import trafilatura

from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean

STORY = [
    f"Paragraph {i} of the story says that the council met on Tuesday and voted on the "
    f"budget for the coming year after a long and heated debate in the town hall."
    for i in range(8)
]
BOILERPLATE = [
    "Read more: Council leader quits after budget row",
    "[Related: Five things to know about the new budget]",
    "Sign up for our free daily newsletter to get the news delivered to your inbox.",
    "Follow us on Twitter @towncouncilnews and on Facebook.",
    "Email Jane Doe at jdoe@example.com or follow her @janedoe.",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "Sam Poe contributed to this report.",
    "Listen: http://example.com/podcast/15",
    "Tell us what you think...",
]


def _page(
    paragraphs: list[str], title: str = "Council votes on the budget", head: str = ""
) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article>{body}</article><footer>c</footer>"
        "</body></html>"
    ).encode()


def _clean(page: bytes):
    result = clean(RawDocument(uri="page.html", content=page, kind="html", source_uri="test"))
    assert result.status == "ok", result.reason
    assert result.article is not None
    return result.article


def test_boilerplate_paragraphs_are_dropped_and_the_story_kept():
    paragraphs = STORY[:4] + BOILERPLATE[:2] + STORY[4:] + BOILERPLATE[2:]
    page = _page(paragraphs)
    # trafilatura itself keeps them: what goes is the clean step's doing
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert all(line in plain for line in BOILERPLATE)
    article = _clean(page)
    lines = article.text.split("\n")
    assert lines == STORY
    assert article.field_sources["text"] == "trafilatura-precision+boilerplate"


def test_a_long_paragraph_that_mentions_a_newsletter_is_text():
    long_one = (
        "The council also voted to sign up for a regional newsletter scheme, under which every "
        "household will get a printed update on the budget delivered to its inbox each month; "
        "opponents said the scheme would cost more than it saves and that residents had not "
        "been asked, while supporters said the town had to explain its spending better and "
        "that the cost was small next to the budget as a whole."
    )
    # an appeal the story makes is text, not the outlet's contact line
    appeal = "Anyone with information is asked to contact police at tips@police.example.gov."
    article = _clean(_page([*STORY[:4], long_one, *STORY[4:], appeal]))
    assert article.text.split("\n") == [*STORY[:4], long_one, *STORY[4:], appeal]
    assert article.field_sources["text"] == "trafilatura-precision"


def test_the_headline_and_deck_repeated_at_the_top_are_dropped_not_the_lede():
    head = '<meta name="description" content="Residents pack the town hall for the vote">'
    page = _page(
        ["Council votes on the budget at last", "Residents pack the town hall for the vote",
         *STORY],
        title="Council votes on the budget at last - Town News",
        head=head,
    )  # fmt: skip
    assert _clean(page).text.split("\n") == STORY
    # a lede that repeats the headline's words is a sentence, and stays
    lede = "Council votes on the budget at last, after a long and heated debate on Tuesday."
    assert _clean(_page([lede, *STORY], title="Council votes on the budget at last")).text.split(
        "\n"
    ) == [lede, *STORY]


def test_an_opening_the_page_describes_as_its_summary_is_body_text():
    opening = "Council votes on the budget: the first of three readings"
    head = f'<meta name="description" content="{opening} {STORY[0]}">'
    article = _clean(_page([opening, *STORY], title="Council votes on the budget", head=head))
    assert article.text.split("\n")[0] == opening


def test_recall_mode_is_used_when_precision_mode_cuts_the_body_short():
    comments = "".join(
        f"<p>Comment {i}: I think the council is wrong about this and the budget will never "
        "work, as anyone who lives here can tell you.</p>"
        for i in range(14)
    )
    story = [f"<p>{p}</p>" for p in STORY]
    # precision mode drops a block whose class is "link"; the page's comments hold more <p> text
    # than the story, so the short precision text is checked against the recall mode
    page = (
        "<html><head><title>Council votes</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{''.join(story[:4])}<div class='link'>{''.join(story[4:])}</div></article>"
        f"<div id='comments' class='comments'>{comments}</div><footer>c</footer></body></html>"
    ).encode()
    precise = trafilatura.extract(page, favor_precision=True) or ""
    assert STORY[0] in precise and STORY[7] not in precise
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-recall"


def test_a_short_fast_precision_text_gets_trafilaturas_fallback_comparison():
    story = [f"<p>{p}</p>" for p in STORY]
    # the fast precision call (no readability/justext comparison) drops the block whose class
    # is "link" and keeps two paragraphs of eight: short against the page's paragraphs, so
    # the precision call runs again with the comparison, whose text (readability's) is kept
    page = (
        "<html><head><title>Council votes</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{''.join(story[:2])}<div class='link'>{''.join(story[2:])}</div></article>"
        "<footer>c</footer></body></html>"
    ).encode()
    fast = trafilatura.extract(page, favor_precision=True, fast=True) or ""
    assert STORY[0] in fast and STORY[2] not in fast
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision-compared"


def test_teasers_nested_in_the_story_article_are_left_out():
    teasers = "".join(
        f"<article class='post'><h3>Other post {i}</h3><p>Teaser {i} is the opening of another "
        "post on the site, cut short after a couple of lines so that readers click it…</p>"
        "</article>"
        for i in range(4)
    )
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = (
        "<html><head><title>Council votes</title></head><body>"
        f"<article class='post'>{story}<div class='more'>{teasers}</div></article></body></html>"
    ).encode()
    assert "Teaser 2" in (trafilatura.extract(page, favor_precision=True) or "")
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+teasers"
    # one <article> nested in another is the story's own wrapper, and stays
    wrapped = (
        "<html><head><title>Council votes</title></head><body>"
        f"<article><div><article class='body'>{story}</article></div></article></body></html>"
    ).encode()
    assert _clean(wrapped).text.split("\n") == STORY


def test_the_later_chunks_of_a_body_split_into_same_class_containers_are_kept():
    def chunk(paragraphs: list[str]) -> str:
        return (
            "<div class='grid'><div class='article-body'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</div><div class='rail'></div></div>"
        )

    ad = "<div class='ad'><span>Advertisement</span></div>"
    page = (
        "<html><head><title>Council votes</title></head><body><main><article>"
        f"{chunk(STORY[:3])}{ad}{chunk(STORY[3:6])}{ad}{chunk(STORY[6:])}"
        "</article><div class='sidebar'><div class='grid'><div class='article-body'><p>A "
        "container of the same class away from the story, in the sidebar.</p></div></div></div>"
        "</main></body></html>"
    ).encode()
    # trafilatura takes the first container of that class and stops
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert STORY[2] in plain and STORY[3] not in plain
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+chunks"


def test_embedded_tweets_are_put_back_where_they_stand():
    tweet = "The budget passed tonight, and I thank every resident who came to the town hall."
    said = "— Town Mayor (@townmayor) November 18, 2019"
    embed = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        f"{tweet}</p>— Town Mayor (@townmayor) "
        '<a href="https://twitter.com/townmayor/status/1">November 18, 2019</a></blockquote>'
        "</div>"
    )
    story = [f"<p>{p}</p>" for p in STORY]
    page = _page([]).replace(
        b"<article></article>",
        f"<article>{''.join(story[:3])}{embed}{''.join(story[3:])}</article>".encode(),
    )
    # trafilatura leaves the embed out with its wrapper
    assert tweet not in (trafilatura.extract(page, favor_precision=True) or "")
    article = _clean(page)
    assert article.text.split("\n") == [*STORY[:3], tweet, said, *STORY[3:]]
    assert article.field_sources["text"] == "trafilatura-precision+tweets"
    # a tweet the text already quotes is not put in twice
    quoted = page.replace(f"<p>{STORY[5]}</p>".encode(), f"<p>{tweet}</p>".encode())
    assert _clean(quoted).text.count(tweet) == 1
    # a story quoting the tweet in pieces, with its own words between them, has not got it
    pieces = (
        "“The budget passed tonight, and I thank every resident who came,” the mayor wrote, "
        "“to the town hall.”"
    )
    quoting = page.replace(f"<p>{STORY[5]}</p>".encode(), f"<p>{pieces}</p>".encode())
    lines = _clean(quoting).text.split("\n")
    assert lines[3:5] == [tweet, said] and pieces in lines


def test_timestamps_click_here_pitches_and_a_heading_left_over_at_the_end_are_dropped():
    paragraphs = [
        *STORY[:4],
        "Updated at 1:23 p.m.",
        *STORY[4:],
        "Something to Consider",
        "If you enjoyed this article, we have a proposition for you: join our members.",
        "Get the Town News delivered to your door every week. Click here for more information.",
    ]
    page = _page(paragraphs)
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert all(line in plain for line in paragraphs)
    assert _clean(page).text.split("\n") == STORY
    # a short last line with its own content stays, and so does a sentence opening with a
    # timestamp's word
    graphic = "(Graphic: the budget in 2019 - here)"
    published = "Published in 2019, the report found that the budget was short."
    page = _page([*STORY, published, graphic, "Sam Poe contributed to this report."])
    assert _clean(page).text.split("\n") == [*STORY, published, graphic]


def test_a_list_of_other_stories_under_its_heading_goes_and_a_story_heading_stays():
    links = [
        "DON'T MISS",
        "Council leader quits after budget row [NEWS]",
        "Five things to know about the new budget [INSIGHT]",
        "Town hall roof repairs to cost more than planned",
    ]
    section = ["Related coverage", "The mayor said the vote was the hardest of her term."]
    page = _page([*STORY[:4], *links, *STORY[4:6], *section, *STORY[6:]])
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert all(line in plain for line in links)
    assert _clean(page).text.split("\n") == [*STORY[:6], *section, *STORY[6:]]


def test_a_hover_card_over_a_name_is_not_read_into_the_sentence():
    card = (
        "<span class='rollover-people'><a href='/people/ana-ruiz'>Ana Ruiz</a>"
        "<span class='rollover-people-block'><img src='/ruiz.jpg' alt=''>"
        "<a href='/people/ana-ruiz'>Ana Ruiz</a><a href='/news/1'>Ruiz wins the vote on the "
        "harbour budget | Ferry fares rise</a></span></span>"
    )
    term = "<span class='tooltip'>quorum<span class='tooltip-text'>the members needed</span></span>"
    first = f"The motion by councillor {card} passed on Tuesday after a long debate on the {term}."
    page = _page([first, *STORY])
    text = _clean(page).text
    assert text.startswith("The motion by councillor Ana Ruiz passed on Tuesday after a long")
    assert "Ferry fares" not in text
    assert "quorum" in text  # a term's tooltip holds no image or link: the term stays


def test_the_pages_headline_byline_and_date_read_into_the_top_of_the_text_are_dropped():
    story = "".join(f"<p>{p}</p>" for p in STORY)
    # a date the page marks as its publication date, kept by trafilatura as the first line
    dated = (
        "<html><head><title>Budget news</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><div class='entry'><span class='data' itemprop='datePublished'>terça-feira, "
        f"3 de março de 2020 às 10:15</span>{story}</div></article><footer>c</footer>"
        "</body></html>"
    ).encode()
    assert (trafilatura.extract(dated, favor_precision=True) or "").startswith("terça-feira")
    article = _clean(dated)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+furniture"
    # one table cell holding the headline, the byline and date, and the story: trafilatura
    # glues the first three to the first paragraph
    cell = (
        "<html><head><title>Council votes on the budget</title></head><body><table><tr><td>"
        "<h1 class='headline'>Council votes on the budget</h1><h3 class='byline'>by Jane Doe"
        "<br><span class='datetime'>Monday, November 18, 2019</span></h3>"
        + "".join(f"{p}<br><br>" for p in STORY)
        + "</td></tr></table></body></html>"
    ).encode()
    plain = trafilatura.extract(cell, favor_precision=True) or ""
    assert "Council votes on the budget by Jane Doe Monday, November 18, 2019 Paragraph 0" in plain
    text = _clean(cell).text
    assert text.startswith(STORY[0]) and "Jane Doe" not in text and STORY[7] in text


def test_a_lede_that_opens_with_the_headlines_words_is_kept_whole():
    lede = (
        "Council votes on the budget were counted twice on Tuesday night after a recount was "
        "asked for by the opposition, and the result stood at seven votes to six in the end, "
        "the clerk said."
    )
    page = (
        "<html><head><title>Council votes on the budget</title></head><body><header><h1>"
        "Council votes on the budget</h1></header><article><p class='date'>Tuesday</p>"
        + "".join(f"<p>{p}</p>" for p in [lede, *STORY])
        + "</article></body></html>"
    ).encode()
    assert (trafilatura.extract(page, favor_precision=True) or "").startswith(f"Tuesday\n{lede}")
    article = _clean(page)
    # the date line goes; the headline's words opening the lede, with no byline or date
    # after them, are the lede's own
    assert article.text.split("\n") == [lede, *STORY]
    assert article.field_sources["text"] == "trafilatura-precision+furniture"


def test_an_image_caption_trafilatura_keeps_is_dropped_and_a_paragraph_by_an_image_is_not():
    caption = "The council chamber on Tuesday evening. (credit: Town Hall/Jo Smith)"
    # an image and its caption alone in a table cell: trafilatura reads the caption as text
    page = (
        "<html><head><title>Council votes</title></head><body><table><tr><td><table><tr><td>"
        f"<img src='/a.jpg' alt='chamber'><div class='info2'>{caption}</div></td></tr></table>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</td></tr></table></body></html>"
    ).encode()
    assert caption in (trafilatura.extract(page, favor_precision=True) or "")
    article = _clean(page)
    assert caption not in article.text
    assert all(p in article.text for p in STORY)
    assert article.field_sources["text"] == "trafilatura-precision+captions"
    # a paragraph alone beside an image in its container is the story's
    beside = "Paragraph 8 stands beside a photo of the chamber, where the vote came late."
    page = _page(STORY).replace(
        b"</article>", f"<div><img src='/b.jpg'><p>{beside}</p></div>".encode() + b"</article>"
    )
    assert beside in (trafilatura.extract(page, favor_precision=True) or "")
    assert _clean(page).text.split("\n") == [*STORY, beside]
    # nor is a paragraph that opens with an icon
    page = _page(STORY).replace(
        b"</article>", f"<p><img src='/i.png'><span>{beside}</span></p></article>".encode()
    )
    assert beside in (trafilatura.extract(page, favor_precision=True) or "")
    assert _clean(page).text.split("\n") == [*STORY, beside]


def test_a_line_in_italics_right_under_an_image_is_a_caption_and_goes():
    def page(under_image: str) -> bytes:
        return (
            "<html><head><title>Council votes</title></head><body><div class='post-body'>"
            + "".join(f"<div><span>{p}</span></div>" for p in STORY[:4])
            + "<div><a href='/a.jpg'><img src='/a.jpg'></a></div>"
            + f"<div style='text-align:center'>{under_image}</div>"
            + "".join(f"<div><span>{p}</span></div>" for p in STORY[4:])
            + "</div></body></html>"
        ).encode()

    italic = page("<span><em>Mayor <i>Jane</i> Doe</em></span>")
    assert "Mayor Jane Doe" in (trafilatura.extract(italic, favor_precision=True) or "")
    article = _clean(italic)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+captions"
    # not all in italics: a line of the text
    mixed = _clean(page("Mayor <em>Jane</em> Doe")).text.split("\n")
    assert mixed == [*STORY[:4], "Mayor Jane Doe", *STORY[4:]]


def test_a_subheading_trafilatura_leaves_out_between_kept_paragraphs_is_put_back():
    def page(heading: str) -> bytes:
        return _page(STORY).replace(
            f"<p>{STORY[3]}</p>".encode(), f"<p>{STORY[3]}</p>{heading}".encode()
        )

    subheading = page("<div class='pf_subheadline'>Our ruling</div>")
    # trafilatura drops a <div> heading in every mode
    for mode in ({"favor_precision": True}, {}, {"favor_recall": True}):
        assert "Our ruling" not in (trafilatura.extract(subheading, **mode) or "")
    article = _clean(subheading)
    assert article.text.split("\n") == [*STORY[:4], "Our ruling", *STORY[4:]]
    assert article.field_sources["text"] == "trafilatura-precision+subheadings"
    # not a heading by its class, or not short and unpunctuated: stays out
    for other in (
        "<div class='ad-slot'>Our ruling</div>",
        "<div class='video-title'>Our ruling</div>",
        "<div class='subheadline'>Advertisement: read the whole story in our app today.</div>",
        "<div class='subheadline'><div>Our</div><div>ruling</div></div>",
    ):
        assert "Our ruling" not in _clean(page(other)).text
        assert "Advertisement" not in _clean(page(other)).text


def test_a_comment_notice_glued_to_the_end_of_the_story_is_cut_off():
    notice = "Note: we are temporarily moderating all comments submitted to deal with spam."
    # the story in one table cell: trafilatura returns it as one line, the notice at its end
    cell = (
        "<html><head><title>Council votes</title></head><body><table><tr><td>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"<p class='info2'>{notice}</p></td></tr></table></body></html>"
    ).encode()
    plain = trafilatura.extract(cell, favor_precision=True) or ""
    assert plain.rstrip(" |").endswith(f"{STORY[7]} {notice}")
    article = _clean(cell)
    assert notice not in article.text and article.text.rstrip().endswith(STORY[7])
    assert "+glued-boilerplate" in article.field_sources["text"]
    # on a line of its own the boilerplate shapes take it; a story quoting a moderator is text
    quoted = (
        "“We are reviewing the comments made by the minister,” a spokesman said on Tuesday, "
        "adding that the council would reply within a week."
    )
    article = _clean(_page([*STORY, notice, quoted]))
    assert article.text.split("\n") == [*STORY, quoted]


def test_a_question_headline_and_the_deck_under_it_at_the_top_are_dropped_not_a_lede():
    deck = "Councillors argued for hours. But in the end the budget passed by one vote, he said."

    def page(under_headline: str) -> bytes:
        return (
            "<html><head><title>Will the budget pass? - Town News</title></head><body><nav>"
            "<a href='/'>Home</a></nav><article><div class='head'><h1>Will the budget pass?"
            f"</h1>{under_headline}</div>"
            + "".join(f"<p>{p}</p>" for p in STORY)
            + "</article><footer>c</footer></body></html>"
        ).encode()

    # a deck set as a lower heading right under the <h1>: trafilatura keeps both on top
    decked = page(f"<h2 class='sub-head'>{deck}</h2>")
    plain = trafilatura.extract(decked, favor_precision=True) or ""
    assert plain.startswith(f"Will the budget pass?\n{deck}\n{STORY[0]}")
    article = _clean(decked)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+furniture"
    # a paragraph under the <h1> may be the lede: only the headline goes
    led = _clean(page(f"<p>{deck}</p>"))
    assert led.text.split("\n") == [deck, *STORY]


def test_a_list_of_linked_headlines_read_into_the_text_goes_and_a_list_of_the_storys_stays():
    def page(items: list[str]) -> bytes:
        listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        return _page(STORY).replace(
            f"<p>{STORY[6]}</p>".encode(), f"<p>{STORY[6]}</p>{listing}".encode()
        )

    related = [
        "<a href='/a.html'>Moon Rush: Private Lunar Lander Plans</a>",
        "<a href='/b.html'>Here's Where Commercial Landers Will Land</a> ",
        "<a href='/c.html'>The Space Station Is Open for Business</a>",
    ]
    linked = page(related)
    plain = trafilatura.extract(linked, favor_precision=True) or ""
    assert "- Moon Rush: Private Lunar Lander Plans" in plain
    article = _clean(linked)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+link-lists"
    # an item with text of its own, or links within the page: the story's own list
    for items in (
        [*related[:2], "<a href='/c.html'>The station</a> is open for business, NASA says"],
        [item.replace("href='/", "href='#") for item in related],
    ):
        lines = _clean(page(items)).text.split("\n")
        assert lines[:7] == STORY[:7] and lines[-1] == STORY[7] and len(lines) == len(STORY) + 3


def test_the_sites_notices_about_itself_and_a_lone_date_line_are_dropped_by_shape():
    notices = [
        "We rely on advertising to fund our journalism. Please turn off your ad blocker.",
        "Your privacy is important to us. We have updated our privacy policy to explain it.",
        "Tell us what you think about our new look by taking this survey.",
        "Edited by: John Roe",
        "Wednesday 20 November 2019 11:42, UK",
        "5 Min Read",
        "Embed this video",
    ]
    page = _page([*STORY[:4], *notices[:4], *STORY[4:], *notices[4:]])
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert all(notice in plain for notice in notices)
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+boilerplate"
    # the same words in a story's own sentences are text
    story_lines = [
        "Edited by the committee, the report runs to 300 pages and names every member.",
        "Your privacy is at risk, the council's auditor warned in a letter to residents.",
    ]
    article = _clean(_page([*STORY, *story_lines]))
    assert article.text.split("\n") == [*STORY, *story_lines]


def test_the_authors_bio_at_the_end_goes_and_a_line_on_someone_else_stays():
    head = '<meta name="author" content="Jane Doe">'
    bio = "Jane Doe (@janedoe) is a senior reporter at Town News, covering the council budget."
    page = _page([*STORY, bio], head=head)
    assert bio in (trafilatura.extract(page, favor_precision=True) or "")
    article = _clean(page)
    assert article.authors == ("Jane Doe",)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+bio"
    # the same words on a person who is not the page's author are the story's
    other = "John Roe is a senior reporter at Town News, covering the council budget."
    assert _clean(_page([*STORY, other], head=head)).text.split("\n") == [*STORY, other]


def test_a_line_that_is_a_link_to_another_story_goes_whatever_its_label():
    def page(lines: list[str]) -> bytes:
        inserted = "".join(f"<p>{line}</p>" for line in lines)
        return _page(STORY).replace(
            f"<p>{STORY[4]}</p>".encode(), f"{inserted}<p>{STORY[4]}</p>".encode()
        )

    promos = [
        "Coverage elsewhere: <a href='/b.html'>Council leader quits after the budget row</a>",
        "WATCH <a href='https://example.com/v/9'>Residents pack the town hall for the vote</a>",
    ]
    linked = page(promos)
    plain = trafilatura.extract(linked, favor_precision=True) or ""
    assert "Coverage elsewhere: Council leader quits after the budget row" in plain
    assert "WATCH Residents pack the town hall for the vote" in plain
    article = _clean(linked)
    assert article.text.split("\n") == STORY
    assert article.field_sources["text"] == "trafilatura-precision+linked-lines"
    # a sentence holding a link, a short linked name, text of its own beside the link, or a
    # link within the page: the story's own lines
    own = [
        "<a href='/c.html'>The council of the town</a> met again on Wednesday to pass it.",
        "Council members: <a href='/people/jane-doe.html'>Jane Doe</a>",
        "Among the members who voted against the plan was <a href='/jd.html'>Jane Doe of "
        "the north ward</a>",
        "Coverage elsewhere: <a href='#vote'>Council leader quits after the budget row</a>",
    ]
    lines = _clean(page(own)).text.split("\n")
    assert len(lines) == len(STORY) + len(own), lines


def test_a_list_of_teaser_cards_or_of_code_names_goes_and_a_list_of_the_storys_stays():
    def page(items: list[str]) -> bytes:
        listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        return _page(STORY).replace(
            f"<p>{STORY[6]}</p>".encode(), f"<p>{STORY[6]}</p>{listing}".encode()
        )

    teasers = [
        ("Mayor out after two months", "The mayor is now free to run for the senate."),
        ("Who will lead the council?", "Here are some names to keep an eye on"),
        ("Budget vote delayed again", "The vote moves to December"),
    ]
    # a linked heading and the line under it: trafilatura keeps the line alone, or both
    linked_heading = [
        f"<h3><a href='/news/{n}.html'>{headline}</a></h3><p>{line}</p>"
        for n, (headline, line) in enumerate(teasers)
    ]
    heading_in_link = [
        f"<a href='/news/{n}.html'><h3>{headline}</h3></a><p>{line}</p>"
        for n, (headline, line) in enumerate(teasers)
    ]
    codes = ["narrow-browser-and-phone", "landscape-tablet", "wide_browser_and_larger"]
    for items, shown in (
        (linked_heading, f"- {teasers[0][1]}"),
        (heading_in_link, f"- {teasers[0][0]} {teasers[0][1]}"),
        (codes, f"- {codes[0]}"),
    ):
        listed = page(items)
        plain = trafilatura.extract(listed, favor_precision=True) or ""
        assert shown in plain.split("\n")
        article = _clean(listed)
        assert article.text.split("\n") == STORY
        assert article.field_sources["text"] == "trafilatura-precision+link-lists"
    # the story's own lists: headings that link nowhere, words with spaces
    own = [
        [item.replace("href='/news/", "href='#") for item in linked_heading],
        ["north-ward", "south ward", "east-ward"],
    ]
    for items in own:
        listed = page(items)
        plain = trafilatura.extract(listed, favor_precision=True) or ""
        assert len(plain.split("\n")) > len(STORY)
        assert _clean(listed).text.split("\n") == plain.split("\n")


def test_short_lines_above_the_lede_the_page_describes_go_and_a_sentence_above_it_stays():
    # a kicker and a headline variant that neither the <title> nor an <h1> names, then the
    # lede that the page's description opens
    head = f'<meta property="og:description" content="{STORY[0][:60]}">'
    top = ["EXCLUSIVE", "Town hall packed as councillors fight over spending plans"]
    page = _page([*top, *STORY], title="Budget: what it means for you", head=head)
    plain = trafilatura.extract(page, favor_precision=True) or ""
    assert plain.startswith("\n".join(top))
    article = _clean(page)
    assert article.text.split("\n") == STORY
    assert "+above-lede" in article.field_sources["text"]
    # a dateline before the description's words still marks the lede
    dated = [f"TOWNVILLE (Wire) — {STORY[0]}", *STORY[1:]]
    assert _clean(_page([*top, *dated], title="Budget", head=head)).text.split("\n") == dated
    # a paragraph of the story above the one the description quotes is a sentence: nothing
    # goes
    head = f'<meta name="description" content="{STORY[2][:60]}">'
    lede = "The council met on Tuesday night."
    kept = _clean(_page([top[1], lede, *STORY[2:]], title="Budget", head=head)).text
    assert kept.split("\n") == [top[1], lede, *STORY[2:]]
