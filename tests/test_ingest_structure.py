"""A digest's shape: headings however they are written, bullets with or without labels, article lines."""

from __future__ import annotations

import pytest

from mission_tui.ingest.draft import article_anchor
from mission_tui.ingest.structure import DigestError, SectionKind, looks_like_toml, parse_digest


def test_headings_in_other_spellings_and_markup() -> None:
    digest = parse_digest(
        "## Overview\nA paragraph.\n**Key Takeaways:**\n1. First point without a label.\n"
        "2) Cost: A labelled point.\nBackground\nMore prose.\nIn Conclusion\nThe end.\n",
        "d.txt",
    )
    kinds = [(s.heading, s.kind) for s in digest.sections]
    assert kinds == [
        ("Overview", SectionKind.summary),
        ("Key Takeaways", SectionKind.key_points),
        ("Background", SectionKind.other),
        ("In Conclusion", SectionKind.conclusion),
    ]
    bullets = digest.sections[1].bullets
    assert [(b.label, b.text) for b in bullets] == [
        (None, "First point without a label."),
        ("Cost", "A labelled point."),
    ]


@pytest.mark.parametrize(
    ("line", "outlet", "tagline", "date", "opening"),
    [
        (
            "Sep. 27 / The Washington Times , America’s Newspaper “ The U.S. military’s...",
            "The Washington Times",
            "America’s Newspaper",
            "Sep. 27",
            "The U.S. military’s...",
        ),
        (
            "Sep. 27 / The Hill “ The U.S. military will end...",
            "The Hill",
            None,
            "Sep. 27",
            "The U.S. military will end...",
        ),
        (
            "September 27, 2024 / Reuters, London “ Officials said...",
            "Reuters, London",
            None,
            "September 27, 2024",
            "Officials said...",
        ),
        ("27 Sep 2024 / AP", "AP", None, "27 Sep 2024", None),
        ("2024-09-27 / The Guardian “ Text", "The Guardian", None, "2024-09-27", "Text"),
        ("/ Undated Outlet “ Text", "Undated Outlet", None, None, "Text"),
    ],
)
def test_article_lines(
    line: str, outlet: str, tagline: str | None, date: str | None, opening: str | None
) -> None:
    digest = parse_digest(f"Summary\nProse.\nVIDEO: A headline\n{line}\n", "d.txt")
    (article,) = digest.articles
    assert (article.outlet, article.tagline, article.printed_date, article.opening) == (
        outlet,
        tagline,
        date,
        opening,
    )
    assert (article.label, article.headline, article.headline_line) == ("VIDEO", "A headline", 3)


@pytest.mark.parametrize(
    ("printed", "year", "edtf"),
    [
        ("Sep. 27", None, "XXXX-09-27"),
        ("Sep. 27", 2024, "2024?-09-27"),
        ("September 27, 2024", None, "2024-09-27"),
        ("27 Sep 2024", 2030, "2024-09-27"),
        ("2024-09-27", None, "2024-09-27"),
        ("Sept. 3", None, "XXXX-09-03"),
        ("Yesterday", None, None),
    ],
)
def test_printed_article_dates(printed: str, year: int | None, edtf: str | None) -> None:
    anchor, _ = article_anchor(printed, year)
    assert (anchor.edtf if anchor else None) == edtf


def test_prose_with_a_slash_is_not_an_article() -> None:
    with pytest.raises(DigestError):
        parse_digest("Open 24 / 7 for the public.\nNo structure here at all.\n", "d.txt")


def test_toml_sniffing() -> None:
    assert looks_like_toml("# comment\n\nformat = 1\n")
    assert looks_like_toml("[story]\n")
    assert not looks_like_toml("Summary\nformat = 1 is not how digests start\n")
