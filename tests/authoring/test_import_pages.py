"""Importing saved news pages in the shapes real sites have: the article only in JSON-LD, a
@graph, a byline only in <meta>, leftovers, a republished piece, a CC licence, a photographer's
credit beside the byline, and an ordinary page that must come out unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from literacy_app.authoring.importing import ImportedArticle, import_article, import_text
from literacy_app.cli import main
from literacy_app.formats.lesson_package import load_lesson

PAGES = Path(__file__).parent / "data" / "pages"


def _words(article: ImportedArticle) -> int:
    return len(article.text.split())


def test_body_only_in_json_ld_is_taken_from_it_with_a_note() -> None:
    article = import_article(PAGES / "body_only_in_json_ld.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Harbour Town Votes to Close Its Last Public Pool"
    assert paragraphs[1].startswith("Harbour Town's council voted five to two on Monday")
    assert paragraphs[-1].endswith("but gave no date for a decision.")
    assert len(paragraphs) == 5
    assert _words(article) == 150  # not the 31 words of headline and caption the page shows
    assert "last renovated in 1998" not in article.text  # the caption is not the article
    assert article.attribution().author == "Tomasz Wielgus and Ruth Abernathy"
    assert (article.site, article.date) == ("Coastline Courier", "2025-06-02")
    assert article.url == "https://courier.example.net/local/2025/06/harbour-pool-closure"
    assert len(article.notes) == 1
    assert "structured data (JSON-LD articleBody)" in article.notes[0]
    assert "only 31 words" in article.notes[0]


def test_graph_page_resolves_author_and_publisher_references() -> None:
    article = import_article(PAGES / "graph_page.html")
    assert article.author == "Beatrix Holloway"  # {"@id": ...} to the Person, not the menu
    assert "columnists" not in article.author.casefold()
    assert article.site == "The Midland Ledger"  # publisher {"@id"} to the Organization
    assert article.date == "2024-11-08"
    assert article.url == "https://ledger.example.com/opinion/libraries-are-not-a-luxury/"
    assert article.text.startswith("Our Libraries Are Not a Luxury\n\n")
    assert article.text.endswith("let it cut somewhere its own officers will feel it.")
    assert "Our columnists" not in article.text
    assert article.notes == ()


def test_byline_in_meta_only_and_an_author_menu_is_not_the_author() -> None:
    article = import_article(PAGES / "byline_in_meta_only.html")
    assert article.author == "Ishaan Mehra"  # not the Facebook URL of article:author
    assert (article.site, article.date) == ("Valley Voice", "2025-09-21")
    assert article.url == "https://valleyvoice.example.org/2025/09/21/wind-farm-plan"
    assert "Anna Price" not in article.text
    assert _words(article) == 127
    assert article.text.endswith("The planning committee is expected to decide in December.")
    assert article.notes == ()


def test_leftovers_are_removed_or_flagged_and_prose_is_kept() -> None:
    article = import_article(PAGES / "leftovers.html")
    text = article.text
    for leftover in (
        "Photo: Marguerite",
        "Read more: Council pledges",
        "Advertisement",
        "(Getty Images)",
        "Sign up for our newsletter",
        "Submit your letter",
        "© 2025",
        "All rights reserved",
    ):
        assert leftover not in text, leftover
    # sentences that only mention reading more or copyright are the article's
    assert "Residents who want to read more about the inspection can find" in text
    assert "A copyright dispute over the original drawings delayed the survey" in text
    assert "“Half my customers come over that bridge,” said Maureen Colley" in text
    # a doubtful line stays, and the note says which line it is
    lines = text.split("\n")
    assert lines[10] == "Watch: drone footage of the bridge"
    removed, flagged = article.notes
    assert removed.startswith("Removed 7 lines of site text: “Photo: Marguerite")
    assert "Put back any that belong to the article." in removed
    assert flagged.startswith("Line 11 may be site text, not the article: “Watch: drone")
    assert article.author == "Oluwaseun Adeyemi"


def test_originally_appeared_line_is_kept_and_fills_the_original_source() -> None:
    article = import_article(PAGES / "originally_appeared.html")
    assert article.original == "The Northern Review"
    assert article.text.endswith(
        "This article originally appeared in The Northern Review on 12 March 2024 and is "
        "republished with permission."
    )
    assert article.author == "Keziah Morrow"  # "@type": "schema:BlogPosting"
    assert article.date == "2024-04-30"
    assert article.attribution().original == "The Northern Review"
    assert len(article.notes) == 1
    assert article.notes[0].startswith("Kept the credit line “This article originally")


def test_cc_licensed_page_gives_licence_and_original() -> None:
    article = import_article(PAGES / "cc_licensed.html")
    attribution = article.attribution()
    assert attribution.licence == "CC BY-ND 4.0"  # the rel=license link beats the prose
    assert attribution.original == "The Exchange"
    assert (attribution.author, attribution.outlet, attribution.date) == (
        "Dr Lena Fairweather",
        "Open Commons News",
        "2023-10-05",
    )
    assert attribution.url == "https://opencommons.example.org/2023/10/why-car-parks"
    assert "This article is republished from The Exchange" in article.text


def test_photo_credit_next_to_the_byline_is_not_the_author() -> None:
    article = import_article(PAGES / "photo_credit_by_byline.html")
    assert article.author == "Amara Osei"
    assert "Achterberg" not in article.author
    assert "Photograph by" not in article.text
    assert article.site == "Millbrook Herald"
    assert article.notes == ()


def test_ordinary_page_comes_out_exactly_as_before() -> None:
    article = import_article(PAGES / "ordinary.html")
    assert article.text == (
        "School Meals to Use More Local Produce\n\n"
        "Primary schools in Dunmere will buy at least half of the vegetables for their meals "
        "from farms within thirty miles from September, under a contract agreed by the "
        "district council on Monday.\n\n"
        "The council said the change would add about four pence to the cost of each meal, "
        "which it will pay from its own budget rather than pass on to parents.\n\n"
        "Head teachers welcomed the plan but asked for more time to change their menus. "
        "“Seasonal food means seasonal menus,” said Rhiannon Pugh, head of Castle Lane "
        "Primary. “We will need help with that.”\n\n"
        "The contract runs for three years and will be reviewed after the first."
    )
    assert article == ImportedArticle(  # the short articleBody (a teaser) is not used
        article.text,
        "School Meals to Use More Local Produce",
        "Fiona Gallagher",
        "2026-01-20",
        "The Dunmere Times",
        "https://dunmeretimes.example.com/education/school-meals",
    )


def test_with_text_keeps_notes_and_attribution() -> None:
    article = import_article(PAGES / "originally_appeared.html")
    trimmed = article.with_text(article.text.rsplit("\n\n", 1)[0])
    assert "originally appeared" not in trimmed.text
    assert trimmed.attribution() == article.attribution()
    assert trimmed.notes == article.notes
    assert trimmed.outlet == trimmed.site == "Rural Affairs Weekly"


def test_pasted_text_is_never_cut_but_leftovers_are_named() -> None:
    pasted = (
        "Park Plan Approved\n\nThe council approved the park.\n\nAdvertisement\n\n"
        "Critics said voters should read more before the election.\n\nRead more: Other news"
    )
    article = import_text(pasted)
    assert article.text == pasted
    assert article.notes == (
        "Line 5 may be site text, not the article: “Advertisement”. Remove it if so.",
        "Line 9 may be site text, not the article: “Read more: Other news”. Remove it if so.",
    )


def test_new_lesson_prints_notes_as_warnings_and_keeps_attribution(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = PAGES / "leftovers.html"
    code = main(["new-lesson", str(source), "-o", str(tmp_path / "bridge")])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith(f"{tmp_path / 'bridge'}: created lesson 'bridge'")
    warnings = err.splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{source}: warning: Removed 7 lines of site text")
    assert warnings[1].startswith(f"{source}: warning: Line 11 may be site text")

    code = main(["new-lesson", str(PAGES / "cc_licensed.html"), "-o", str(tmp_path / "cc")])
    capsys.readouterr()
    attribution = load_lesson(tmp_path / "cc").article.attribution
    assert (attribution.original, attribution.licence) == ("The Exchange", "CC BY-ND 4.0")
