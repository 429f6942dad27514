"""URL identity: canonical_url decides which links are the same article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.extractors import InputRejected, canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTP://Example.COM:80/a/../b/?utm_source=x&b=2&a=1#frag",
            "http://example.com/b/?a=1&b=2",
        ),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com/story?id=7&fbclid=abc&gclid=z", "https://example.com/story?id=7"),
        ("https://example.com/a%20b", "https://example.com/a%20b"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("http://127.0.0.1:8080/p?x=1", "http://127.0.0.1:8080/p?x=1"),
    ],
)
def test_canonical_examples(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_query_parameters_that_identify_articles_are_kept() -> None:
    assert canonical_url("https://e.com/article.php?id=1") != canonical_url(
        "https://e.com/article.php?id=2"
    )


@pytest.mark.parametrize(
    "url", ["ftp://e.com/x", "javascript:alert(1)", "file:///etc/passwd", "e.com"]
)
def test_non_web_urls_are_rejected(url: str) -> None:
    with pytest.raises(InputRejected):
        canonical_url(url)


_segment = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    scheme=st.sampled_from(["http", "HTTPS"]),
    host=st.from_regex(r"[a-zA-Z][a-zA-Z0-9-]{0,10}(\.[a-zA-Z]{2,5}){1,2}", fullmatch=True),
    port=st.sampled_from(["", ":80", ":443", ":8080"]),
    path=st.lists(_segment, max_size=4),
    query=st.lists(st.tuples(_segment, _segment), max_size=4),
    fragment=_segment,
)
def test_canonical_url_is_idempotent(scheme, host, port, path, query, fragment) -> None:
    from urllib.parse import quote

    url = f"{scheme}://{host}{port}/" + "/".join(quote(p) for p in path)
    if query:
        url += "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query)
    url += "#" + quote(fragment)
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once
