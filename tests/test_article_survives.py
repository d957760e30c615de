"""An article keeps every paragraph whatever surrounds it; no script or style text reaches the output.

The pages are generated: news prose in English or German (sentences from a fixed vocabulary,
20-60 words a paragraph), with section headings, quoted people who "agree" or "accept", a data
table inside the article, and a menu, teasers, a sidebar and a footer around it.
"""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st

import cleaner

EN = {
    "subjects": [
        "the council", "the minister", "local residents", "the company", "officials", "the mayor",
        "researchers at the university", "the committee", "teachers", "farmers in the region", "the union",
        "health workers", "the regional government", "shop owners",
    ],
    "verbs": ["approved", "rejected", "discussed", "questioned", "welcomed", "criticised", "delayed", "reviewed"],
    "infinitives": ["approve", "reject", "review", "support", "delay", "change", "fund"],
    "objects": [
        "the new budget", "the plan for the old harbour", "a proposal to build more homes",
        "the changes to the bus network", "the report on water quality", "the decision to close the library",
        "a new school on the edge of town", "the rules for short-term rentals", "the repairs to the main bridge",
        "the cost of the new hospital wing",
    ],
    "times": [
        "on Monday", "on Tuesday", "last week", "earlier this month", "after a long debate",
        "at a meeting in the town hall", "for the second time this year", "despite strong objections",
        "in a statement on Thursday", "before the summer break",
    ],
    "speakers": [
        "she said", "he said", "the mayor said", "a spokeswoman for the council said", "the minister told reporters",
    ],
    "headings": [
        "Response", "Responses", "Discussion", "Comments", "Comments policy", "Related", "Background",
        "What happens next", "The cost", "Reaction from the opposition",
    ],
    "regions": ["North", "South", "East", "West", "City centre"],
    "table": ["Region", "2022", "2023", "Change"],
    "menu": ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Search"],
    "footer": ["Privacy Policy", "Terms of use", "Contact us", "Advertise with us"],
    "related": "Related articles",
    "most_read": "Most read",
    "teasers": [
        "Council votes to close the old library", "New bus timetable starts in May",
        "Farmers warn of poor harvest after dry spring", "Hospital wing opens two years late",
        "Union calls strike at city schools", "Bridge repairs to last until autumn",
    ],
    "byline": "By Jane Doe",
}  # fmt: skip
DE = {
    "subjects": [
        ("der Stadtrat", "hat"), ("die Ministerin", "hat"), ("die Anwohner", "haben"), ("das Unternehmen", "hat"),
        ("die Behörden", "haben"), ("der Bürgermeister", "hat"), ("die Forscher der Universität", "haben"),
        ("der Ausschuss", "hat"), ("die Gewerkschaft", "hat"), ("die Landesregierung", "hat"),
    ],
    "projects": ["der Neubau der Schule", "die Reparatur der Brücke", "der Umbau des Hafens", "die neue Klinik"],
    "participles": ["beschlossen", "abgelehnt", "diskutiert", "kritisiert", "begrüßt", "verschoben", "geprüft"],
    "objects": [
        "den neuen Haushalt", "den Plan für den alten Hafen", "einen Vorschlag für mehr Wohnungen",
        "die Änderungen im Busnetz", "den Bericht zur Wasserqualität", "die Schließung der Bibliothek",
        "den Neubau der Schule am Stadtrand", "die Reparatur der Brücke",
    ],
    "times": [
        "am Montag", "am Dienstag", "in der vergangenen Woche", "nach einer langen Debatte",
        "bei einer Sitzung im Rathaus", "zum zweiten Mal in diesem Jahr", "trotz heftiger Einwände",
        "vor der Sommerpause",
    ],
    "speakers": ["sagte sie", "sagte er", "sagte der Bürgermeister", "sagte eine Sprecherin der Stadt"],
    "headings": [
        "Reaktionen", "Diskussion", "Kommentar", "Kommentare", "Hintergrund", "Wie es weitergeht", "Die Kosten",
    ],
    "regions": ["Nord", "Süd", "Ost", "West", "Innenstadt"],
    "table": ["Bezirk", "2022", "2023", "Veränderung"],
    "menu": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung", "Suche"],
    "footer": ["Impressum", "Datenschutz", "Kontakt", "Mediadaten"],
    "related": "Das könnte Sie auch interessieren",
    "most_read": "Meistgelesen",
    "teasers": [
        "Stadtrat stimmt für Schließung der Bibliothek", "Neuer Busfahrplan gilt ab Mai",
        "Landwirte warnen vor schlechter Ernte", "Neubau der Klinik zwei Jahre zu spät fertig",
        "Gewerkschaft ruft zum Streik an Schulen auf", "Brücke bleibt bis zum Herbst gesperrt",
    ],
    "byline": "Von Jana Schmidt",
}  # fmt: skip
LANGS = {"en": EN, "de": DE}
MARKERS = [
    "<script>var zzqmarker = 1;</script>",
    '<script type="text/javascript">/*<![CDATA[*/ var zzqmarker = "<p>zzqmarker</p>"; /*]]>*/</script>',
    '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "zzqmarker"}</script>',
    "<script>document.write('<div>zzqmarker text for the reader</div>');</script>",
    "<script>\n<!--\nvar zzqmarker = 1;\n//-->\n</script>",
    "<style>.zzqstyle{color:red}</style>",
    '<style type="text/css">\n  p.zzqstyle { margin: 0 }\n</style>',
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _norm(text: str) -> str:
    return " ".join(text.split())


@st.composite
def _en_sentence(draw) -> str:
    v = {k: draw(st.sampled_from(EN[k])) for k in ("subjects", "verbs", "infinitives", "objects", "times", "speakers")}
    other, n = draw(st.sampled_from(EN["subjects"])), draw(st.integers(2, 90))
    return draw(
        st.sampled_from(
            [
                f"{_cap(v['subjects'])} {v['verbs']} {v['objects']} {v['times']}.",
                f"{_cap(v['subjects'])} said {other} would {v['infinitives']} {v['objects']} {v['times']}.",
                f"According to {v['subjects']}, {v['objects']} could cost more than {n} million pounds.",
                f"It was not clear whether {v['subjects']} would {v['infinitives']} {v['objects']}, {v['speakers']}.",
                f'"We have waited long enough for {v["objects"]}," {v["speakers"]} {v["times"]}.',
            ]
        )
    )


@st.composite
def _en_quote(draw) -> str:
    """People quoted in the news, or a blogger writing in the first person, agree and accept: no consent box."""
    s, o, sp = (draw(st.sampled_from(EN[k])) for k in ("subjects", "objects", "speakers"))
    return draw(
        st.sampled_from(
            [
                f'"I agree with {s}," {sp}, adding that the talks on {o} were only a first step.',
                f'"I accept the decision, and I agree that {o} must come first," {sp}.',
                f'"I accept the terms of the deal," {sp} after the talks.',
                f'"I agree to the new privacy rules, but not to the cost," {sp}.',
                f'Asked about {o}, {s} said: "I accept it, and I agree to pay my share."',
                f"I agree with the critics who say {o} went too far, and so do many of my neighbours.",
                f"I accept that {o} will take time, but I do not accept that {s} should decide it alone.",
            ]
        )
    )


@st.composite
def _de_sentence(draw) -> str:
    (s, aux), p, o, t = (draw(st.sampled_from(DE[k])) for k in ("subjects", "participles", "objects", "times"))
    sp, project = (draw(st.sampled_from(DE[k])) for k in ("speakers", "projects"))
    n = draw(st.integers(2, 90))
    return draw(
        st.sampled_from(
            [
                f"{_cap(s)} {aux} {t} {o} {p}.",
                f"{_cap(t)} {aux} {s} {o} {p}, {sp}.",
                f"Nach Angaben der Stadt könnte {project} mehr als {n} Millionen Euro kosten.",
                f"„Wir haben lange genug auf {o} gewartet“, {sp} {t}.",
            ]
        )
    )


@st.composite
def _de_quote(draw) -> str:
    sp, t = draw(st.sampled_from(DE["speakers"])), draw(st.sampled_from(DE["times"]))
    return draw(
        st.sampled_from(
            [
                f"„Ich stimme der Ministerin zu, das ist ein wichtiger Schritt“, {sp} {t}.",
                f"„Ich akzeptiere die Entscheidung des Gerichts“, {sp} {t}.",
                f"„Ich bin damit einverstanden, dass die Stadt jetzt handelt“, {sp}.",
                f"„Ich stimme der Verarbeitung der Daten nur unter Bedingungen zu“, {sp} {t}.",
                "Ich stimme den Kritikern zu: Die Stadt hat viel zu lange gewartet, und das kostet jetzt Geld.",
            ]
        )
    )


def _cut(sentences: list[str]) -> str:
    """A paragraph of at most 60 words: every sentence has 7 to 25, so three or more leave at least 20."""
    kept: list[str] = []
    for s in sentences:
        if sum(len(k.split()) for k in kept) + len(s.split()) <= 60:
            kept.append(s)
    return " ".join(kept)


@st.composite
def article(draw) -> tuple[str, list[str]]:
    """A language and 3-8 paragraphs of news prose, no sentence twice; one quotes someone agreeing."""
    lang = draw(st.sampled_from(sorted(LANGS)))
    sentence, quote = (_en_sentence(), _en_quote()) if lang == "en" else (_de_sentence(), _de_quote())
    sizes = draw(st.lists(st.integers(3, 6), min_size=3, max_size=8))
    sentences = draw(st.lists(sentence, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    quoted = draw(st.integers(0, len(sizes) - 1))
    sentences[sum(sizes[:quoted]) + draw(st.integers(0, 1))] = draw(quote)  # the first two always stay
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    return lang, [_cut(sentences[start : start + size]) for start, size in zip(starts, sizes, strict=True)]


def _headline(draw, lang: str) -> str:
    if lang == "en":
        return _cap(" ".join(draw(st.sampled_from(EN[k])) for k in ("subjects", "verbs", "objects")))
    (s, aux), o, p = (draw(st.sampled_from(DE[k])) for k in ("subjects", "objects", "participles"))
    return f"{_cap(s)} {aux} {o} {p}"


def _p(draw, text: str) -> str:
    """A paragraph's markup, sometimes with a few of its words in a link or emphasis."""
    words = [escape(w, quote=False) for w in text.split()]
    if draw(st.booleans()):
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, min(len(words), start + 4)))
        end = next((i + 1 for i in range(start, end) if words[i][-1] in '.,:“"'), end)  # within a sentence
        tag = draw(st.sampled_from(['a href="/topics/city"', "em", "strong"]))
        words[start:end] = [f"<{tag}>{' '.join(words[start:end])}</{tag.split()[0]}>"]
    return f"<p>{' '.join(words)}</p>"


def _table(draw, lang: str) -> str:
    vocab = LANGS[lang]
    head = "".join(f"<th>{h}</th>" for h in vocab["table"])
    rows = ""
    for region in draw(st.lists(st.sampled_from(vocab["regions"]), min_size=2, max_size=5, unique=True)):
        a, b = draw(st.integers(100, 9000)), draw(st.integers(100, 9000))
        rows += f"<tr><td>{region}</td><td>{a:,}</td><td>{b:,}</td><td>{(b - a) * 100 // a:+d}%</td></tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _links(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(items)) + f"</{tag}>"


@st.composite
def page(draw, scripts: bool = False) -> tuple[str, list[str]]:
    """A whole page around an article, and the article's paragraphs; with `scripts`, script and style
    elements in the head, between the paragraphs, inside them, and around the article."""
    lang, paragraphs = draw(article())
    vocab = LANGS[lang]

    def js() -> str:
        return draw(st.sampled_from(MARKERS)) if scripts and draw(st.booleans()) else ""

    headline = _headline(draw, lang)
    blocks = [_p(draw, p) for p in paragraphs]
    if scripts:  # one paragraph holds a script or style element between two of its sentences
        i = draw(st.integers(0, len(blocks) - 1))
        blocks[i] = blocks[i].replace(". ", f". {draw(st.sampled_from(MARKERS))} ", 1)
    for _ in range(draw(st.integers(0, 3))):
        blocks.insert(draw(st.integers(1, len(blocks))), f"<h2>{draw(st.sampled_from(vocab['headings']))}</h2>")
    if draw(st.booleans()):
        blocks.insert(draw(st.integers(1, len(blocks))), _table(draw, lang))
    body = "".join(block + js() for block in blocks)
    h1 = f"<h1>{headline}</h1><p class='byline'>{vocab['byline']}</p>"
    inside = draw(st.booleans())
    main = f"<article>{js()}{h1 if inside else ''}{body}{js()}</article>"
    teasers = draw(st.lists(st.sampled_from(vocab["teasers"]), min_size=3, max_size=5, unique=True))
    related = f"<section class='related'><h2>{vocab['related']}</h2>{_links(teasers)}</section>"
    sidebar = f"<aside class='sidebar'><h3>{vocab['most_read']}</h3>{_links(teasers[::-1], 'ol')}</aside>"
    before, after = (sidebar, related) if draw(st.booleans()) else ("", related + sidebar)
    if draw(st.booleans()):  # breadcrumbs left unclosed: the parser puts the article inside the <nav>
        before += f"<nav class='breadcrumbs'>{_links(vocab['menu'][:2], 'ol')}"
    menu = _links(vocab["menu"])
    footer = f"<footer>{js()}<p>© 2024 Example News</p>{_links(vocab['footer'])}</footer>"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{headline} | Example News</title>'
        f"{js()}</head><body><header><a href='/'>Example News</a><nav>{menu}</nav></header>{js()}"
        f"<main>{before}{'' if inside else h1}{main}{after}</main>{footer}{js()}</body></html>"
    ), paragraphs


@st.composite
def scraped_page(draw) -> tuple[str, list[str]]:
    """The same article as a scraper's text: menu lines, headline, paragraphs and headings, teasers, footer."""
    lang, paragraphs = draw(article())
    vocab = LANGS[lang]
    blocks = list(paragraphs)
    for _ in range(draw(st.integers(0, 3))):
        blocks.insert(draw(st.integers(1, len(blocks))), draw(st.sampled_from(vocab["headings"])))
    if draw(st.booleans()):
        rows = [vocab["table"]] + [
            [r, *(f"{draw(st.integers(100, 9000)):,}" for _ in "ab"), f"{draw(st.integers(-40, 90)):+d}%"]
            for r in vocab["regions"][:3]
        ]
        blocks.insert(draw(st.integers(1, len(blocks))), "\n".join("\t".join(row) for row in rows))
    teasers = draw(st.lists(st.sampled_from(vocab["teasers"]), min_size=3, max_size=5, unique=True))
    sep = draw(st.sampled_from(["\n", "\n\n"]))  # menu items on lines of one block, or a block each
    top = [sep.join(vocab["menu"]), _headline(draw, lang), vocab["byline"]]
    tail = [vocab["related"], *teasers[1:], vocab["most_read"], *teasers[:2], "© 2024 Example News", *vocab["footer"]]
    return "\n\n".join(top + blocks + tail), paragraphs


def _lost(doc: cleaner.Document, paragraphs: list[str]) -> list[str]:
    text = _norm(doc.text)
    return [p for p in paragraphs if _norm(p) not in text]


@given(page())
def test_an_article_in_a_page_keeps_every_paragraph(case):
    """Headings, quotes, a table inside the article, teasers outside it, and breadcrumbs left
    unclosed around it cost no paragraph."""
    html, paragraphs = case
    doc = cleaner.clean(html)
    lost = _lost(doc, paragraphs)
    assert lost == [], f"lost {lost!r}; removed: {[(r.rule, r.reason, r.text[:60]) for r in doc.removed]}"


@given(scraped_page())
def test_scraped_text_keeps_every_paragraph(case):
    """The same article as text, menu lines above it and teasers below: all its paragraphs stay."""
    text, paragraphs = case
    doc = cleaner.clean(text, input_type="text")
    lost = _lost(doc, paragraphs)
    assert lost == [], f"lost {lost!r}; removed: {[(r.rule, r.reason, r.text[:60]) for r in doc.removed]}"


@given(page(scripts=True))
def test_no_script_or_style_text_in_the_output(case):
    """Code is never shown to a reader, wherever the page puts it: in the head, the article or a paragraph."""
    html, _ = case
    assert "zzq" not in cleaner.clean(html).text
