"""Export (handout or full, folder or .zip) and the safe unpacking of shared packages."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from literacy_app.authoring import packaging
from literacy_app.authoring.checking import check
from literacy_app.authoring.packaging import export_package, import_package, package_files
from literacy_app.authoring.writing import save_lesson
from literacy_app.core.errors import FormatError
from literacy_app.core.key import AnswerKey
from literacy_app.formats.lesson_package import load_lesson
from tests.authoring.test_writing import item, make_new_lesson

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def lesson_folder(tmp_path: Path) -> Path:
    """A lesson with a key, an image in assets/, and clutter that must not be shared."""
    folder = make_new_lesson(tmp_path / "lessons" / "bus")
    lesson = load_lesson(folder)
    text = lesson.article.text
    key = AnswerKey(
        (item(text, "k1", "reckless", "loaded_language"),),
        lesson.id,
        article_sha256=lesson.article.sha256,
    )
    save_lesson(lesson, key)
    (folder / "assets" / "img").mkdir(parents=True)
    (folder / "assets" / "img" / "chart.png").write_bytes(PNG)
    (folder / "assets" / ".DS_Store").write_bytes(b"junk")
    (folder / "key.w3c.json").write_text("{}", encoding="utf-8")  # an export of the key
    (folder / "ada.submission.json").write_text("{}", encoding="utf-8")
    (folder / ".lesson.md.swp").write_bytes(b"editor backup")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the lesson", encoding="utf-8")
    (folder / "assets" / "leak.txt").symlink_to(secret)
    (folder / "assets" / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


SHARED = ["article.txt", "assets/img/chart.png", "key.json", "lesson.md"]


def test_only_the_package_files_are_shared(lesson_folder: Path) -> None:
    assert [name for name, _ in package_files(lesson_folder, handout=False)] == SHARED
    assert [name for name, _ in package_files(lesson_folder, handout=True)] == [
        "article.txt",
        "assets/img/chart.png",
        "lesson.md",
    ]


def test_handout_folder_has_no_key_and_loads_without_one(
    lesson_folder: Path, tmp_path: Path
) -> None:
    handout = export_package(lesson_folder, tmp_path / "handout", handout=True)
    assert sorted(_tree(handout)) == ["article.txt", "assets/img/chart.png", "lesson.md"]
    lesson = load_lesson(handout)
    assert lesson.key is None
    assert lesson.article == load_lesson(lesson_folder).article
    with pytest.raises(FileExistsError):
        export_package(lesson_folder, handout, handout=True)


def test_handout_of_a_lesson_that_names_its_key_file(lesson_folder: Path, tmp_path: Path) -> None:
    """A lesson.md naming a key that is not there is an error, so the handout's does not."""
    (lesson_folder / "key.json").rename(lesson_folder / "answers.json")
    lesson_md = lesson_folder / "lesson.md"
    source = lesson_md.read_text(encoding="utf-8")
    lesson_md.write_text(
        source.replace("article: article.txt\n", "article: article.txt\nkey: answers.json\n"),
        encoding="utf-8",
    )
    assert load_lesson(lesson_folder).key is not None

    handout = export_package(lesson_folder, tmp_path / "handout", handout=True)
    assert sorted(_tree(handout)) == ["article.txt", "assets/img/chart.png", "lesson.md"]
    assert load_lesson(handout).key is None  # loads with the key wanted, as the app opens it
    handout_md = (handout / "lesson.md").read_text(encoding="utf-8")
    assert handout_md == source.split("\n## Debrief")[0]  # all else unchanged; no Debrief
    # Loads without a word about its key or its Debrief: only what the lesson left unwritten.
    assert {(p.file, p.severity) for p in check(handout)} <= {
        (str(handout / "lesson.md"), "warning")
    }
    assert not [p for p in check(handout) if "ebrief" in p.message or "key" in p.message]

    full = export_package(lesson_folder, tmp_path / "full", handout=False)
    assert sorted(_tree(full)) == [
        "answers.json",
        "article.txt",
        "assets/img/chart.png",
        "lesson.md",
    ]
    assert (full / "lesson.md").read_bytes() == lesson_md.read_bytes()


def test_handout_zip_has_no_key(lesson_folder: Path, tmp_path: Path) -> None:
    destination = export_package(lesson_folder, tmp_path / "out" / "bus.zip", handout=True)
    with zipfile.ZipFile(destination) as archive:
        assert archive.namelist() == [
            "bus-lanes/article.txt",
            "bus-lanes/assets/img/chart.png",
            "bus-lanes/lesson.md",
        ]
    unpacked = import_package(destination, tmp_path / "class")
    assert unpacked == tmp_path / "class" / "bus-lanes"
    assert load_lesson(unpacked).key is None


def test_full_zip_round_trip_is_byte_for_byte(lesson_folder: Path, tmp_path: Path) -> None:
    destination = export_package(lesson_folder, tmp_path / "bus.zip", handout=False)
    with zipfile.ZipFile(destination) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"bus-lanes/{name}" for name in SHARED]
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644
    unpacked = import_package(destination, tmp_path / "shared")
    original = _tree(lesson_folder)
    assert _tree(unpacked) == {name: original[name] for name in SHARED}
    assert load_lesson(unpacked).key == load_lesson(lesson_folder).key
    assert [p.name for p in (tmp_path / "shared").iterdir()] == ["bus-lanes"]  # no staging left
    with pytest.raises(FileExistsError):
        import_package(destination, tmp_path / "shared")


def test_zip_export_is_deterministic(lesson_folder: Path, tmp_path: Path) -> None:
    first = export_package(lesson_folder, tmp_path / "a.zip", handout=False).read_bytes()
    (lesson_folder / "lesson.md").touch()  # a newer timestamp changes nothing
    second = export_package(lesson_folder, tmp_path / "b.zip", handout=False).read_bytes()
    assert first == second
    again = export_package(lesson_folder, tmp_path / "a.zip", handout=False)  # replaced in place
    assert again.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".zip") == ["a.zip", "b.zip"]


def test_a_broken_lesson_is_not_exported(lesson_folder: Path, tmp_path: Path) -> None:
    (lesson_folder / "lesson.md").write_text("no metadata\n", encoding="utf-8")
    with pytest.raises(FormatError, match="expected a metadata block"):
        export_package(lesson_folder, tmp_path / "broken.zip", handout=False)
    assert not (tmp_path / "broken.zip").exists()


def _zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "../../../etc/passwd")
    return path


def _lesson_members(lesson_folder: Path, top: str = "bus") -> dict[str, bytes]:
    return {
        f"{top}/{name}": path.read_bytes()
        for name, path in package_files(lesson_folder, handout=False)
    }


@pytest.mark.parametrize(
    ("evil", "reason"),
    [
        ("bus/../../evil.txt", "'..' in the path"),
        ("../evil.txt", "'..' in the path"),
        ("/tmp/evil.txt", "absolute path"),
        ("C:/evil.txt", "absolute path"),
        ("bus\\..\\..\\evil.txt", "unsafe characters"),
    ],
)
def test_zip_slip_and_absolute_paths_are_refused(
    lesson_folder: Path, tmp_path: Path, evil: str, reason: str
) -> None:
    members = _lesson_members(lesson_folder)
    members[evil] = b"pwned"
    archive = _zip(tmp_path / "evil.zip", members)
    into = tmp_path / "into"
    with pytest.raises(FormatError, match=reason) as raised:
        import_package(archive, into)
    assert raised.value.problems[0].file == str(archive)
    assert not into.exists() or list(into.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_members_are_refused(lesson_folder: Path, tmp_path: Path) -> None:
    archive = _zip(tmp_path / "link.zip", _lesson_members(lesson_folder), links=("bus/a.txt",))
    with pytest.raises(FormatError, match="a symbolic link"):
        import_package(archive, tmp_path / "into")


def test_oversized_members_are_refused(
    lesson_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = _zip(tmp_path / "big.zip", _lesson_members(lesson_folder))
    monkeypatch.setattr(packaging, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(FormatError, match="too large"):
        import_package(archive, tmp_path / "into")
    assert not (tmp_path / "into").exists()


def test_damaged_members_are_reported(lesson_folder: Path, tmp_path: Path) -> None:
    archive = _zip(tmp_path / "damaged.zip", _lesson_members(lesson_folder))
    data = bytearray(archive.read_bytes())
    start = data.index(b"Council Backs")  # the article, stored uncompressed
    data[start : start + 7] = b"Xouncil"
    archive.write_bytes(bytes(data))
    with pytest.raises(FormatError, match=r"'bus/article.txt': damaged \(Bad CRC-32"):
        import_package(archive, tmp_path / "into")
    assert list((tmp_path / "into").iterdir()) == []


def test_packages_that_are_not_lessons(lesson_folder: Path, tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(FormatError, match="not a zip file"):
        import_package(not_zip, tmp_path / "into")
    two_tops = _lesson_members(lesson_folder) | {"other/readme.txt": b"hi"}
    with pytest.raises(FormatError, match="not a lesson package"):
        import_package(_zip(tmp_path / "two.zip", two_tops), tmp_path / "into")

    mac = _lesson_members(lesson_folder) | {"__MACOSX/bus/._lesson.md": b"", "bus/.DS_Store": b""}
    assert sorted(_tree(import_package(_zip(tmp_path / "mac.zip", mac), tmp_path / "mac"))) == [
        "article.txt",
        "assets/img/chart.png",
        "key.json",
        "lesson.md",
    ]

    flat = {name.split("/", 1)[1]: data for name, data in _lesson_members(lesson_folder).items()}
    unpacked = import_package(_zip(tmp_path / "flat-bus.zip", flat), tmp_path / "into")
    assert unpacked.name == "flat-bus"  # lesson.md at the top: the folder is named after the zip


def test_an_invalid_lesson_is_reported_inside_the_zip_and_not_kept(
    lesson_folder: Path, tmp_path: Path
) -> None:
    members = _lesson_members(lesson_folder)
    members["bus/lesson.md"] = members["bus/lesson.md"].replace(
        b"difficulty: intermediate", b"difficulty: expert"
    )
    archive = _zip(tmp_path / "bad.zip", members)
    into = tmp_path / "into"
    with pytest.raises(FormatError) as raised:
        import_package(archive, into)
    problem = raised.value.problems[0]
    assert problem.file == f"{archive}!lesson.md"
    assert "expected one of" in problem.message
    assert problem.line > 1
    assert list(into.iterdir()) == []
