"""The shortcut that passes a class's plain submissions without the compiled schema must never
accept what the schema refuses, and must agree with it on every verdict."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.formats import validation
from literacy_app.formats.validation import MARK_FIELDS, _fast_check, _passes, _plain_submission

_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-2, max_value=2),
    st.sampled_from([0, 1, 5.0, 2**70, "", "m1", "loaded_language", [], {}]),
    st.text(max_size=3),
)
_FIELD_NAMES = st.sampled_from([*sorted(MARK_FIELDS), "colour", "Start", ""])


def _mark() -> st.SearchStrategy[Any]:
    plain = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["m1", "m2", "x"]),
            "start": st.integers(0, 50),
            "end": st.integers(0, 50),
            "category": st.sampled_from(["loaded_language", "doubt"]),
        },
        optional={name: st.text(max_size=4) for name in ("note", "quote", "prefix", "suffix")},
    )
    broken = st.builds(
        lambda base, extra: {**base, **extra},
        plain,
        st.dictionaries(_FIELD_NAMES, _ODD_VALUES, max_size=3),
    )
    dropped = st.builds(
        lambda base, name: {k: v for k, v in base.items() if k != name},
        plain,
        st.sampled_from(["id", "start", "end", "category"]),
    )
    return st.one_of(plain, broken, dropped, _ODD_VALUES)


def _submission(marks: list[Any], extra: dict[str, Any]) -> dict[str, Any]:
    return {"format": "literacy-submission", "version": 1, "marks": marks, **extra}


def _schema_says(data: Any) -> bool:
    from fastjsonschema import JsonSchemaException

    try:
        _fast_check("submission")(data)
    except JsonSchemaException:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_mark(), max_size=5),
    st.dictionaries(
        st.sampled_from(["attempts", "lesson", "hints_used", "surprise", "version"]),
        _ODD_VALUES,
        max_size=2,
    ),
)
def test_the_shortcut_never_accepts_what_the_schema_refuses(
    marks: list[Any], extra: dict[str, Any]
) -> None:
    data = _submission(marks, extra)
    schema = _schema_says(data)
    if _plain_submission(data):
        assert schema
    assert _passes(data, "submission") == schema


def test_the_shortcut_knows_the_mark_schema_it_stands_for() -> None:
    """Changing the mark schema must come with a change to `_plain_marks`."""
    item = validation.schema("submission")["properties"]["marks"]
    assert item == {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "start", "end", "category"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "category": {"type": "string", "minLength": 1},
                "note": {"type": "string"},
                "quote": {"type": "string"},
                "prefix": {"type": "string"},
                "suffix": {"type": "string"},
            },
        },
    }
    assert set(item["items"]["properties"]) == MARK_FIELDS


def test_plain_work_takes_the_shortcut() -> None:
    mark = {"id": "m1", "start": 0, "end": 4, "category": "doubt", "note": "why"}
    assert _plain_submission(_submission([mark], {"attempts": 2}))
    assert not _plain_submission(_submission([{**mark, "start": 0.0}], {}))
    assert not _plain_submission(_submission([{**mark, "start": True}], {}))
    assert not _plain_submission(_submission([mark], {"attempts": -1}))
