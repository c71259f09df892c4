import pytest

from releases.sanitise import sanitise_html, text_to_paragraphs


def test_pasted_plain_text_becomes_paragraphs():
    assert sanitise_html("الأولى\n\n  الثانية   مع  مسافات \r\n\r\nالثالثة") == (
        "<p>الأولى</p><p>الثانية مع مسافات</p><p>الثالثة</p>"
    )


def test_plain_text_is_escaped():
    assert text_to_paragraphs("a < b & c") == "<p>a &lt; b &amp; c</p>"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p style="position:fixed">x</p>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_hostile_html_is_removed(hostile):
    cleaned = sanitise_html(f"<p>نص</p>{hostile}")
    for bad in ("<script", "onerror", "javascript:", "style=", "<iframe", "<img"):
        assert bad not in cleaned


def test_allowed_markup_is_kept_and_links_are_hardened():
    cleaned = sanitise_html('<p>نص <strong>مهم</strong> <a href="https://un.org">رابط</a></p>')
    assert "<strong>مهم</strong>" in cleaned
    assert 'href="https://un.org"' in cleaned and 'rel="noopener noreferrer nofollow"' in cleaned


def test_bidi_overrides_are_removed_from_bodies():
    assert "\u202e" not in sanitise_html("<p>abc\u202edef</p>")
