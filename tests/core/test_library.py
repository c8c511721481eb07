"""The lesson library's catalogue (scan, search) and import, against hostile folders and zips."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.authoring.lesson_import import LessonExistsError, import_package
from literacy_app.authoring.packaging import export_package
from literacy_app.core.errors import FormatError
from literacy_app.core.library import (
    ADDED,
    BUNDLED,
    MINE,
    LessonEntry,
    LessonStatus,
    matches,
)
from literacy_app.formats import document
from literacy_app.formats.lesson_library import scan
from literacy_app.resources import bundled_lessons_in_order, lessons_dir
from tests.conftest import ARTICLE, LESSON_MD, key_dict, write_json


def lesson_md(
    lesson_id: str = "tiny",
    title: str = "A tiny lesson",
    difficulty: str | None = "beginner",
    minutes: int | None = 5,
    categories: list[str] | None = None,
    extra: str = "",
) -> str:
    text = LESSON_MD.replace("id: tiny", f"id: {lesson_id}").replace(
        "title: A tiny lesson", f"title: {json.dumps(title)}"
    )
    text = text.replace(
        "difficulty: beginner\n", f"difficulty: {difficulty}\n" if difficulty else ""
    )
    text = text.replace("minutes: 5\n", f"minutes: {minutes}\n" if minutes else "")
    if categories is not None:
        text = text.replace("minutes:", f"categories: [{', '.join(categories)}]\nminutes:", 1)
    return text.replace("---\n\n## Instructions", f"{extra}---\n\n## Instructions", 1)


@pytest.fixture
def write_lesson(tmp_path: Path) -> Callable[..., Path]:
    """A lesson folder `root/name` (under tmp_path/src by default) from `lesson_md` arguments."""

    def write(name: str, root: Path | None = None, key: bool = True, **meta: object) -> Path:
        folder = (root or tmp_path / "src") / name
        folder.mkdir(parents=True)
        (folder / "lesson.md").write_text(lesson_md(**meta), encoding="utf-8")  # type: ignore[arg-type]
        (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
        if key:
            data = key_dict(ARTICLE)
            data["lesson"] = str(meta.get("lesson_id", "tiny"))
            write_json(folder / "key.json", data)
        return folder

    return write


# --- scan -------------------------------------------------------------------------------------


def test_lessons_are_listed_easiest_first_then_shortest_then_by_title(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    write_lesson("a", lesson_id="hard", difficulty="advanced", minutes=5)
    write_lesson("b", lesson_id="long", difficulty="beginner", minutes=30)
    write_lesson("c", lesson_id="short", difficulty="beginner", minutes=10)
    write_lesson("d", lesson_id="zebra", title="Zebra", difficulty="intermediate", minutes=10)
    write_lesson("e", lesson_id="apple", title="apple", difficulty="intermediate", minutes=10)
    write_lesson("f", lesson_id="nolevel", difficulty=None, minutes=1)
    entries = scan([(tmp_path / "src", MINE)])
    assert [e.id for e in entries] == ["short", "long", "apple", "zebra", "hard", "nolevel"]
    assert all(e.origin == MINE and e.usable for e in entries)


def test_the_bundled_lessons_are_listed_in_the_apps_suggested_order() -> None:
    entries = scan([(lessons_dir(), BUNDLED)])
    assert [e.id for e in entries] == [i for _, i in bundled_lessons_in_order()]
    bakhmut = next(e for e in entries if e.id == "bakhmut-op-ed")
    assert bakhmut.source.startswith("Andrew Korybko, Global Research")
    assert bakhmut.difficulty == "advanced"
    assert bakhmut.minutes == 35
    assert bakhmut.has_key
    assert "loaded_language" in bakhmut.categories
    assert "Loaded language" in bakhmut.category_names


def test_only_lesson_md_is_read_an_unreadable_article_or_key_still_lists(
    tmp_path: Path, write_lesson: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_lesson("t", lesson_id="t")
    (folder / "article.txt").unlink()
    os.mkfifo(folder / "article.txt")  # reading it would block forever
    (folder / "key.json").unlink()
    os.mkfifo(folder / "key.json")
    read: list[str] = []
    real = document.read_bytes

    def spy(path: Path, *args: object, **kwargs: object) -> bytes:
        read.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "read_bytes", spy)
    [entry] = scan([(tmp_path / "src", MINE)])
    assert entry.usable
    assert entry.id == "t"
    assert not entry.has_key  # a FIFO is no key file
    assert set(read) <= {"lesson.md"}


def test_a_broken_lesson_md_is_listed_with_its_file_and_place_never_raised(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    good = write_lesson("good", lesson_id="good")
    root = good.parent
    cases = {
        "no-front-matter": "# Just Markdown\n",
        "bad-yaml": "---\nid: [unclosed\n---\n",
        "bad-level": lesson_md(lesson_id="bad-level", difficulty="expert"),
        "alias-bomb": "---\na: &x [1]\nb: *x\n---\n",
    }
    for name, text in cases.items():
        (root / name).mkdir()
        (root / name / "lesson.md").write_text(text, encoding="utf-8")
    (root / "not-utf8").mkdir()
    (root / "not-utf8" / "lesson.md").write_bytes(b"---\nid: \xff\xfe\n---\n")
    (root / "md-is-a-folder").mkdir()
    (root / "md-is-a-folder" / "lesson.md").mkdir()
    entries = scan([(root, ADDED)])
    assert entries[0].folder == good
    assert entries[0].usable
    broken = {e.folder.name: e for e in entries[1:]}
    assert set(broken) == {*cases, "not-utf8", "md-is-a-folder"}
    for name, entry in broken.items():
        assert not entry.usable
        assert entry.id == entry.title == name  # the folder stands in for what was not read
        assert str(root / name / "lesson.md") in entry.problem, entry.problem
    assert ":3:" in broken["bad-level"].problem or "difficulty" in broken["bad-level"].problem
    assert "alias" in broken["alias-bomb"].problem


def test_a_lesson_folder_or_lesson_md_linking_outside_is_refused(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    outside = write_lesson("secret", root=tmp_path / "elsewhere", lesson_id="secret")
    root = tmp_path / "src"
    root.mkdir()
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "linked-md").mkdir()
    (root / "linked-md" / "lesson.md").symlink_to(outside / "lesson.md")
    (root / "loop").mkdir()
    (root / "loop" / "lesson.md").symlink_to(root / "loop" / "lesson.md")
    entries = {e.folder.name: e for e in scan([(root, ADDED)])}
    assert set(entries) == {"linked-folder", "linked-md", "loop"}
    assert all(not e.usable for e in entries.values())
    assert "outside" in entries["linked-folder"].problem
    assert "outside the lesson folder" in entries["linked-md"].problem
    assert "leads nowhere" in entries["loop"].problem


def test_a_link_to_a_lesson_inside_the_same_folder_is_kept(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    real = write_lesson("real", lesson_id="real")
    (real.parent / "alias").symlink_to(real, target_is_directory=True)
    entries = scan([(real.parent, MINE)])
    assert [e.usable for e in entries] == [True, True]
    assert entries[1].duplicate_of == entries[0].folder


def test_duplicate_ids_are_both_listed_the_later_source_flagged(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    first = write_lesson("x", root=tmp_path / "one", lesson_id="same", minutes=50)
    later = write_lesson("y", root=tmp_path / "two", lesson_id="same", minutes=1)
    entries = scan([(tmp_path / "one", BUNDLED), (tmp_path / "two", ADDED)])
    assert [e.folder for e in entries] == [later, first]  # ordered by length, flagged by source
    assert entries[0].duplicate_of == first
    assert entries[0].usable
    assert entries[1].duplicate_of is None


def test_hidden_non_lesson_and_missing_folders_list_nothing(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    write_lesson(".x.importing", lesson_id="staging")
    (tmp_path / "src" / "notes").mkdir()
    (tmp_path / "src" / "notes" / "readme.txt").write_text("hi", encoding="utf-8")
    (tmp_path / "src" / "lesson.md").write_text("a file, not a folder", encoding="utf-8")
    assert scan([(tmp_path / "src", MINE), (tmp_path / "gone", ADDED)]) == []
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert scan([(tmp_path / "afile", ADDED)]) == []


def test_a_handout_lists_without_a_key_and_a_key_outside_does_not_count(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    write_lesson("handout", lesson_id="handout", key=False)
    write_lesson("escape", lesson_id="escape", key=False, extra="key: ../handout/lesson.md\n")
    entries = {e.id: e for e in scan([(tmp_path / "src", MINE)])}
    assert not entries["handout"].has_key
    assert entries["escape"].usable
    assert not entries["escape"].has_key


# --- search -----------------------------------------------------------------------------------


ENTRY = LessonEntry(
    Path("x"),
    "water-lease-column",
    "Reading a heated column: leasing a city's water",
    source="Media Literacy Lab, The Kelbridge Courier",
    difficulty="intermediate",
    minutes=20,
    categories=("appeal_to_fear", "flag_waving"),
    category_names=("Appeal to fear / prejudice", "Flag-waving"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("   ", True),
        ("WATER", True),
        ("fear column", True),  # words in any order, from title and category name
        ("kelbridge", True),  # source
        ("lease-col", True),  # id
        ("flag_waving", True),  # category id
        ("water budget", False),  # every word must be there
        ("zzz", False),
    ],
)
def test_search_words_all_appear_in_title_source_id_or_categories(
    text: str, expected: bool
) -> None:
    assert matches(ENTRY, text, "", "") is expected


def test_difficulty_and_category_filters() -> None:
    assert matches(ENTRY, "", "intermediate", "")
    assert not matches(ENTRY, "", "beginner", "")
    assert matches(ENTRY, "", "", "flag_waving")
    assert not matches(ENTRY, "", "", "loaded_language")
    assert not matches(ENTRY, "water", "advanced", "flag_waving")
    whole = LessonEntry(Path("y"), "y", "Y", difficulty="beginner")  # names no categories
    assert matches(whole, "", "", "loaded_language")
    broken = LessonEntry(Path("z"), "z", "z", problem="z/lesson.md:1:1: bad")
    assert matches(broken, "z", "", "")
    assert not matches(broken, "", "", "loaded_language")
    assert not matches(broken, "", "beginner", "")


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (LessonStatus(), "Not started"),
        (LessonStatus("in progress"), "In progress"),
        (LessonStatus("attempted", 2, 85.0), "Best 85% · 2 attempts"),
        (LessonStatus("attempted", 1, 0.0), "Best 0% · 1 attempt"),
        (LessonStatus("attempted", 3, 99.6), "Best 99% · 3 attempts"),  # never rounded to all
        (LessonStatus("attempted", 1, 100.0), "Best 100% · 1 attempt"),
    ],
)
def test_status_text(status: LessonStatus, text: str) -> None:
    assert status.text() == text


# --- import -----------------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_folder_is_imported_under_its_id_with_only_the_package_files(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    source = write_lesson("Downloads copy (2)", lesson_id="bus-lanes")
    (source / "ada.submission.json").write_text("{}", encoding="utf-8")
    (source / "lesson.md~").write_text("backup", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (source / "assets").mkdir()
    (source / "assets" / "leak.txt").symlink_to(secret)
    into = tmp_path / "home" / "lessons"
    folder = import_package(source / "lesson.md", into)  # its lesson.md stands for the folder
    assert folder == into / "bus-lanes"
    assert sorted(_tree(folder)) == ["article.txt", "key.json", "lesson.md"]
    assert [e.id for e in scan([(into, MINE)])] == ["bus-lanes"]
    assert sorted(p.name for p in into.iterdir()) == ["bus-lanes"]  # no staging left behind


def test_a_zip_is_imported_under_the_lesson_id_not_the_zip_name(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    lesson = write_lesson("x", lesson_id="bus-lanes")
    package = export_package(lesson, tmp_path / "shared by Ms K.zip", handout=False)
    into = tmp_path / "lessons"
    folder = import_package(package, into)
    assert folder == into / "bus-lanes"
    assert _tree(folder) == _tree(lesson)


def test_an_existing_id_is_never_silently_replaced(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    into = tmp_path / "lessons"
    mine = write_lesson("renamed-by-hand", root=into, lesson_id="bus-lanes")
    (mine / "lesson.md").write_text(
        lesson_md(lesson_id="bus-lanes", title="My own edits"), encoding="utf-8"
    )
    before = _tree(mine)
    newer = write_lesson("newer", lesson_id="bus-lanes", title="The new version")
    package = export_package(newer, tmp_path / "newer.zip", handout=False)
    for source in (newer, package):
        with pytest.raises(LessonExistsError) as caught:
            import_package(source, into)
        assert isinstance(caught.value, FormatError)
        assert caught.value.existing == mine
        assert "already in your lessons" in str(caught.value)
        assert str(source) in str(caught.value)
        assert _tree(mine) == before
    assert sorted(p.name for p in into.iterdir()) == ["renamed-by-hand"]
    folder = import_package(package, into, replace=True)
    assert folder == into / "bus-lanes"
    assert sorted(p.name for p in into.iterdir()) == ["bus-lanes"]  # no second copy of the id
    assert [e.title for e in scan([(into, MINE)])] == ["The new version"]


def _zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return path


def _good_members(top: str = "evil") -> dict[str, bytes]:
    return {
        f"{top}/lesson.md": lesson_md(lesson_id="evil").encode(),
        f"{top}/article.txt": ARTICLE.encode(),
    }


@pytest.mark.parametrize(
    ("extra", "links", "said"),
    [
        ({"evil/../../evil.txt": b"x"}, (), "'..'"),
        ({"../evil/lesson.md": b"x"}, (), "'..'"),
        ({"/etc/evil": b"x"}, (), "absolute"),
        ({"evil/assets/link": b"/etc/passwd"}, ("evil/assets/link",), "symbolic link"),
        ({"evil\\..\\x": b"x"}, (), "unsafe"),
    ],
)
def test_a_hostile_zip_is_refused_and_nothing_is_written(
    tmp_path: Path, extra: dict[str, bytes], links: tuple[str, ...], said: str
) -> None:
    package = _zip(tmp_path / "p.zip", {**_good_members(), **extra}, links)
    into = tmp_path / "a" / "b" / "lessons"
    with pytest.raises(FormatError) as caught:
        import_package(package, into)
    assert said in str(caught.value)
    assert str(package) in str(caught.value)
    assert list(into.iterdir()) == []  # not even a staging folder
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["p.zip", "a", "b", "lessons"])


def test_a_zip_that_does_not_load_is_refused_with_the_place_inside_it(tmp_path: Path) -> None:
    members = _good_members()
    members["evil/lesson.md"] = lesson_md(lesson_id="evil", difficulty="expert").encode()
    package = _zip(tmp_path / "p.zip", members)
    into = tmp_path / "lessons"
    with pytest.raises(FormatError) as caught:
        import_package(package, into)
    assert f"{package}!lesson.md" in str(caught.value)
    assert list(into.iterdir()) == []


def test_a_folder_that_does_not_load_or_links_out_is_refused(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    into = tmp_path / "lessons"
    broken = write_lesson("broken", lesson_id="broken")
    (broken / "article.txt").unlink()
    with pytest.raises(FormatError, match=r"article file .article\.txt. not found"):
        import_package(broken, into)
    leaky = write_lesson("leaky", lesson_id="leaky")
    (leaky / "lesson.md").write_text(
        lesson_md(lesson_id="leaky").replace("article: article.txt", "article: ../../etc/hosts"),
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="points outside the lesson folder"):
        import_package(leaky, into)
    with pytest.raises(FormatError, match=r"not a lesson folder or a \.zip"):
        import_package(tmp_path / "nothing-here", into)
    with pytest.raises(FormatError, match="not a zip file"):
        import_package(_zip_text(tmp_path / "fake.zip"), into)
    assert list(into.iterdir()) == []


def _zip_text(path: Path) -> Path:
    path.write_text("not a zip at all", encoding="utf-8")
    return path


def test_a_stray_file_with_the_lessons_name_is_not_overwritten(
    tmp_path: Path, write_lesson: Callable[..., Path]
) -> None:
    into = tmp_path / "lessons"
    into.mkdir()
    (into / "bus-lanes").write_text("my notes", encoding="utf-8")
    source = write_lesson("x", lesson_id="bus-lanes")
    with pytest.raises(FileExistsError, match="not a lesson"):
        import_package(source, into, replace=True)
    assert (into / "bus-lanes").read_text(encoding="utf-8") == "my notes"
