"""Vocabularies: official order, lookup by code or label, clear errors."""

import pytest

from competency.errors import UnknownTermError
from competency.vocab import (
    VOCABULARIES,
    AdministrativeLevel,
    EducationLevel,
    LanguageLevel,
    PoliticalTheoryLevel,
    Rank,
    fold,
)


def test_education_levels_follow_the_qualifications_framework():
    """THPT < sơ cấp < trung cấp < cao đẳng < đại học < thạc sĩ < tiến sĩ."""
    assert [e.code for e in sorted(EducationLevel, reverse=True)] == [
        "tien_si", "thac_si", "dai_hoc", "cao_dang", "trung_cap", "so_cap", "thpt"]
    assert EducationLevel.TRUNG_CAP < EducationLevel.DAI_HOC
    assert max(EducationLevel.CAO_DANG, EducationLevel.THAC_SI) is EducationLevel.THAC_SI


def test_ranks_compare_by_seniority_not_by_code_text():
    """01.001 (chuyên viên cao cấp) outranks 01.003 (chuyên viên) though its code sorts first."""
    assert Rank.parse("01.001") > Rank.parse("01.003")
    assert Rank.CHUYEN_GIA_CAO_CAP > Rank.CHUYEN_VIEN_CAO_CAP


def test_comparing_different_vocabularies_is_an_error():
    """Levels of different scales are never compared ad hoc."""
    with pytest.raises(TypeError):
        _ = EducationLevel.TRUNG_CAP < PoliticalTheoryLevel.CAO_CAP


@pytest.mark.parametrize(("text", "expected"), [
    ("Đại học", EducationLevel.DAI_HOC),
    ("ĐẠI HỌC", EducationLevel.DAI_HOC),
    ("dai hoc", EducationLevel.DAI_HOC),
    ("dai_hoc", EducationLevel.DAI_HOC),
    ("  Thạc   sĩ ", EducationLevel.THAC_SI),
    ("Trung cấp chuyên nghiệp", EducationLevel.TRUNG_CAP),
])
def test_lookup_ignores_accents_case_and_spacing(text, expected):
    """A label typed any way finds its member."""
    assert EducationLevel.parse(text) is expected


def test_language_levels_map_to_cefr():
    """Bậc 1–6 are CEFR A1–C2."""
    assert LanguageLevel.parse("B2") is LanguageLevel.BAC_4
    assert LanguageLevel.parse("Bậc 6") is LanguageLevel.BAC_6


def test_unknown_label_lists_the_valid_codes():
    """The error names the vocabulary, the value, a close match and every valid code."""
    with pytest.raises(UnknownTermError) as caught:
        AdministrativeLevel.parse("comune")
    message = str(caught.value)
    assert "AdministrativeLevel 'comune'" in message
    assert "did you mean 'commune'" in message
    assert "commune, district, province, central" in message


def test_d_with_stroke_folds_to_d():
    """'đ' has no decomposition in Unicode; folding maps it explicitly."""
    assert fold("Đảng viên") == "dang vien"


def test_every_vocabulary_has_unique_codes_and_unambiguous_labels():
    """No two members of a vocabulary share a code or a folded label."""
    for vocabulary in VOCABULARIES:
        codes = [m.code for m in vocabulary]
        assert len(codes) == len(set(codes)), vocabulary
        labels = [fold(m.vi) for m in vocabulary] + [fold(m.en) for m in vocabulary]
        for member in vocabulary:
            assert vocabulary.parse(member.vi) is member
            assert vocabulary.parse(member.en) is member
        assert len(labels) >= len(codes)
