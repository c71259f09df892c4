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


@pytest.mark.parametrize("text, stored", [
    ("a<b و c>d", "<p>a&lt;b و c&gt;d</p>"),
    ("a<b و c>d\n\nالفقرة الثانية <وسط> 3 > 2", "<p>a&lt;b و c&gt;d</p><p>الفقرة الثانية &lt;وسط&gt; 3 &gt; 2</p>"),
    ("x <strong>not a tag here</strong>", "<p>x &lt;strong&gt;not a tag here&lt;/strong&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
])
def test_plain_text_with_angle_brackets_is_kept_as_text(text, stored):
    # Issue 12: "a<b و c>d" lost its words and its paragraph breaks, read as a <b> tag.
    assert sanitise_html(text) == stored
    assert sanitise_html(stored) == stored


def test_html_from_the_editor_or_the_importer_is_html():
    html = ('<h2>عنوان</h2><p>نص <strong>مهم</strong> و<em>مائل</em> a&lt;b</p><ul><li><p>واحد</p></li></ul>'
            '<ol><li><p>اثنان</p></li></ol><blockquote><p>اقتباس</p></blockquote>'
            '<p><a href="https://un.org" rel="noopener noreferrer nofollow">رابط</a></p>')
    assert sanitise_html(html) == html
    assert sanitise_html("  <p>بعد مسافة</p>") == "<p>بعد مسافة</p>"
    assert sanitise_html("<bdi>x</bdi> y") == "<bdi>x</bdi> y"


def test_pasted_word_html_keeps_only_the_allowlist():
    word = ('<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><b><span lang="AR-SA" '
            'style="font-size:14pt">البعثة</span></b><o:p></o:p></p><!--[if gte mso 9]><xml>x</xml><![endif]-->'
            '<table><tr><td>خلية</td></tr></table><h1 style="color:red">عنوان</h1>'
            '<font face="Arial">نص</font><img src="file:///C:/x.png">')
    cleaned = sanitise_html(word)
    for bad in ("style=", "class=", "<o:p", "<table", "<td", "<font", "<img", "mso", "<xml", "<h1"):
        assert bad not in cleaned, bad
    assert "البعثة" in cleaned and "خلية" in cleaned and "عنوان" in cleaned and "نص" in cleaned


@pytest.mark.parametrize("value, blocks", [
    ('<p title="a &gt; b > c">Words</p><p>more</p>', ["Words", "more"]),
    ("<p>5 &lt; 6 and 7 &gt; 3</p>", ["5 < 6 and 7 > 3"]),
    ("5 < 6 and 7 > 3", ["5 < 6 and 7 > 3"]),
    ("<p>one<br>two</p><ul><li>three</li></ul>", ["one", "two", "three"]),
    ('<p><a href="/?a=1&amp;b=2" title="&quot;q&quot; >">link</a> text</p>', ["link text"]),
    ("<p>x<!-- note -->y</p>", ["xy"]),
])
def test_text_blocks_are_the_words_of_each_block(value, blocks):
    from releases.sanitise import text_blocks

    assert text_blocks(value) == blocks


def test_a_text_cleaned_before_is_cleaned_again_by_its_own_allowlist():
    """The last answers are kept: one for the body's allowlist must never answer for the summary's."""
    from releases.sanitise import ALLOWED_TAGS, SUMMARY_TAGS, sanitise_html

    text = "<h2>Heading</h2><p>Words</p>"
    for _ in range(2):
        assert sanitise_html(text, ALLOWED_TAGS) == "<h2>Heading</h2><p>Words</p>"
        assert sanitise_html(text, SUMMARY_TAGS) == "<p>Heading</p><p>Words</p>"
    assert sanitise_html("x" * 300_000 + " <script>") == "<p>" + "x" * 300_000 + " &lt;script&gt;</p>"
