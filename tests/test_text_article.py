from conftest import SAMPLE_ARTICLE

from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean


def _sample():
    raw = RawDocument(
        uri=SAMPLE_ARTICLE.as_uri(), content=SAMPLE_ARTICLE.read_bytes(), kind="text",
        source_uri="samples",
    )  # fmt: skip
    result = clean(raw)
    assert result.status == "ok", result.reason
    return result.article


def test_sample_article_metadata():
    article = _sample()
    assert article.title == (
        "Pyongyang welcomes Putin with fanfare as Russian leader makes first visit in 24 years"
    )
    assert article.authors == ("Simone McCarthy", "Manveena Suri", "Lucas Lilieholm")
    assert article.site_name == "CNN"
    assert article.published.isoformat() == "2024-06-19"
    assert article.language == "en"
    assert article.field_sources["authors"] == "byline"
    assert article.field_sources["published"] in ("text", "caption")


def test_sample_body_has_no_byline_dateline_or_furniture():
    text = _sample().text
    assert text.startswith("Thousands of North Koreans chanting")
    for junk in ("By Simone", "CNN  —", "Related Articles", "Back to top button",
                 "contributed to this report"):  # fmt: skip
        assert junk not in text
    assert "260,000 metric tons" in text
    assert text.rstrip().endswith("a US official also said in March.")


def test_sample_captions_are_kept_apart_from_the_body():
    article = _sample()
    assert len(article.captions) == 2
    assert all("June 19" in caption for caption in article.captions)
    assert not any(caption in article.text for caption in article.captions)


def test_dateline_with_place_and_agency_is_stripped():
    text = (
        "Markets rally on rate hopes\n\nBy Jane Roe\n\n"
        "NEW YORK (Reuters) - Stocks rose on Tuesday as investors bet on lower rates, "
        "with the index closing at a record high on March 3, 2020.\n\n"
        "Advertisement\n\nTraders said the move was broad."
    )
    raw = RawDocument(uri="file:///x.txt", content=text.encode(), kind="text", source_uri="x")
    article = clean(raw).article
    assert article.authors == ("Jane Roe",)
    assert article.text.startswith("Stocks rose on Tuesday")
    assert "Advertisement" not in article.text
    assert article.published.isoformat() == "2020-03-03"
