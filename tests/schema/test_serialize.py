"""The converter: round trips and readable error paths."""

import datetime as dt

import pytest
from hypothesis import given

from competency.model.official import Education, Official
from competency.schema.convert import StructureError, structure, unstructure
from competency.vocab import EducationLevel
from tests.strategies import officials


@given(officials)
def test_round_trip(official):
    """structure(unstructure(x)) == x for every official."""
    assert structure(unstructure(official), Official) == official


def test_wire_format():
    """Dates are ISO strings, levels are codes, unknown fields are left out, none stays []."""
    official = Official(id="BTR-1", birth_date=dt.date(1990, 5, 1),
                        education=(Education(level=EducationLevel.TRUNG_CAP),), languages=())
    assert unstructure(official) == {"id": "BTR-1", "birth_date": "1990-05-01",
                                     "education": [{"level": "trung_cap"}], "languages": []}


@pytest.mark.parametrize(("data", "lines"), [
    ({"id": "x", "birth_date": "2023-02-30"}, ["/birth_date: day is out of range for month"]),
    ({"id": 7}, ["/id: expected a string, got int 7"]),
    ({"id": "x", "high_school": "yes"}, ["/high_school: expected a boolean, got str 'yes'"]),
    ({"id": "x", "education": [{"level": "dai_hocc"}]},
     ["/education/0/level: 'dai_hocc' is not a valid EducationLevel"]),
    ({"id": "x", "nickname": "Lan"}, ["/: extra fields found (nickname)"]),
    ({}, ["/id: required field missing"]),
])
def test_errors_are_message_at_path_lines(data, lines):
    """Each problem is one ``/pointer: message`` line, as schema validation writes it."""
    with pytest.raises(StructureError) as caught:
        structure(data, Official)
    assert caught.value.lines == lines
