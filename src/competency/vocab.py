"""Controlled vocabularies: official codes with Vietnamese and English labels.

Every level used by a rule is an enumeration member, never a free string, so that
"trung cấp" typed in a spreadsheet and ``trung_cap`` in JSON mean the same thing and
levels compare by their official order. Records and data files carry the ``code``;
labels come from here.
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from typing import Any, Self

import attrs

from competency.errors import UnknownTermError

__all__ = [
    "VOCABULARIES",
    "AdministrativeLevel",
    "AreaType",
    "CareerEventKind",
    "CommuneKind",
    "EducationLevel",
    "Gender",
    "ITSkillLevel",
    "LanguageLevel",
    "OrderedTerm",
    "PerformanceRating",
    "PersonnelCategory",
    "PoliticalTheoryDiploma",
    "PoliticalTheoryLevel",
    "Rank",
    "Regime",
    "StandardEvent",
    "StateManagementProgramme",
    "Term",
    "Text",
    "UnitClass",
    "describe",
    "fold",
    "json_names",
]


# -- bilingual field descriptions and texts --------------------------------------------

def describe(en: str, vi: str, *, pii: bool = False, json_name: str | None = None,
             **schema: Any) -> dict[str, Any]:
    """Metadata for an attrs field: English and Vietnamese descriptions, PII flag.

    Extra keyword arguments are JSON Schema keywords added to the field's schema
    (for example ``minimum=1900``); the generated schema is the single place they act.
    ``json_name`` is the key in JSON and YAML when it cannot be a Python name (``if``, ``not``).
    """
    meta: dict[str, Any] = {"en": en, "vi": vi, "pii": pii, "schema": schema}
    if json_name is not None:
        meta["json_name"] = json_name
    return meta


def json_names(cls: type) -> dict[str, str]:
    """Python field name → JSON key, for the fields of an attrs class that are renamed."""
    return {f.name: f.metadata["json_name"] for f in attrs.fields(cls) if "json_name" in f.metadata}


@attrs.frozen(kw_only=True)
class Text:
    """A text in Vietnamese and English."""

    vi: str = attrs.field(metadata=describe("Vietnamese text.", "Tiếng Việt."))
    en: str = attrs.field(metadata=describe("English text.", "Tiếng Anh."))

    def __getitem__(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def fold(text: str) -> str:
    """Fold a label for lookup: no accents, no case, ``đ`` as ``d``, single spaces.

    Vietnamese spreadsheets spell the same level many ways ("Đại học", "dai hoc",
    "ĐẠI HỌC"); lookups must not depend on the typist's keyboard.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    for separator in "_-./":
        bare = bare.replace(separator, " ")
    return " ".join(bare.casefold().split())


class Term(enum.Enum):
    """A vocabulary member: value is the official code, with ``vi`` and ``en`` labels.

    Members are declared as ``NAME = (code, vi, en)`` or ``(code, vi, en, aliases)``,
    where aliases are other spellings found in real records.
    """

    vi: str
    en: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, vi: str, en: str, aliases: tuple[str, ...] = ()) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.vi = vi
        member.en = en
        member.aliases = aliases
        return member

    @property
    def code(self) -> str:
        """The official code written in records and data files."""
        return str(self.value)

    def label(self, lang: str = "vi") -> str:
        """The label in ``vi`` or ``en``."""
        return self.vi if lang == "vi" else self.en

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """Find a member by code, Vietnamese or English label or alias, ignoring accents and case.

        Raises :class:`~competency.errors.UnknownTermError` listing the valid codes.
        """
        if isinstance(text, cls):
            return text
        member = _lookup_table(cls).get(fold(str(text)))
        if member is None:
            raise UnknownTermError(vocabulary=cls.__name__, value=str(text),
                                   valid=tuple(m.code for m in cls))
        return member

    def __str__(self) -> str:
        return self.code


@functools.cache
def _lookup_table(cls: type[Term]) -> dict[str, Term]:
    table: dict[str, Term] = {}
    for member in cls:
        for spelling in (member.code, member.vi, member.en, *member.aliases):
            table.setdefault(fold(spelling), member)
    return table


@functools.total_ordering
class OrderedTerm(Term):
    """A vocabulary whose declaration order is the official order, lowest first."""

    @property
    def order(self) -> int:
        """Position in the official order, 0 for the lowest."""
        return _order(type(self))[self]

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.order < other.order  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._value_)


@functools.cache
def _order(cls: type[OrderedTerm]) -> dict[OrderedTerm, int]:
    return {member: position for position, member in enumerate(cls)}


class EducationLevel(OrderedTerm):
    """Trình độ chuyên môn: upper-secondary school, then the Vietnamese Qualifications Framework."""

    THPT = ("thpt", "Tốt nghiệp trung học phổ thông", "Upper-secondary graduation",
            ("tot nghiep thpt", "12/12", "high school"))
    SO_CAP = ("so_cap", "Sơ cấp", "Elementary certificate", ("so cap i", "so cap ii", "so cap iii"))
    TRUNG_CAP = ("trung_cap", "Trung cấp", "Intermediate diploma",
                 ("trung cap chuyen nghiep", "tccn", "intermediate"))
    CAO_DANG = ("cao_dang", "Cao đẳng", "College diploma", ("college",))
    DAI_HOC = ("dai_hoc", "Đại học", "Bachelor's degree",
               ("cu nhan", "ky su", "bachelor", "university"))
    THAC_SI = ("thac_si", "Thạc sĩ", "Master's degree", ("master", "thac sy"))
    TIEN_SI = ("tien_si", "Tiến sĩ", "Doctorate", ("doctorate", "phd", "tien sy"))


class PoliticalTheoryLevel(OrderedTerm):
    """Trình độ lý luận chính trị: the three levels of Regulation 57-QĐ/TW."""

    SO_CAP = ("so_cap", "Sơ cấp", "Elementary")
    TRUNG_CAP = ("trung_cap", "Trung cấp", "Intermediate")
    CAO_CAP = ("cao_cap", "Cao cấp", "Advanced")


class PoliticalTheoryDiploma(Term):
    """The diploma or confirmation a record holds; which level it counts as is data
    (``data/equivalences/political_theory.yaml``), not code."""

    SO_CAP = ("so_cap", "Sơ cấp lý luận chính trị", "Elementary political theory",
              ("so cap llct",))
    TRUNG_CAP = ("trung_cap", "Trung cấp lý luận chính trị", "Intermediate political theory",
                 ("trung cap llct",))
    TRUNG_CAP_HANH_CHINH = ("trung_cap_hanh_chinh", "Trung cấp lý luận chính trị - hành chính",
                            "Intermediate political-administrative diploma",
                            ("trung cap llct hanh chinh", "trung cap chinh tri hanh chinh"))
    CAO_CAP = ("cao_cap", "Cao cấp lý luận chính trị", "Advanced political theory",
               ("cao cap llct",))
    CAO_CAP_HANH_CHINH = ("cao_cap_hanh_chinh", "Cao cấp lý luận chính trị - hành chính",
                          "Advanced political-administrative diploma",
                          ("cao cap llct hanh chinh", "cao cap chinh tri hanh chinh"))
    CU_NHAN_CHINH_TRI = ("cu_nhan_chinh_tri", "Cử nhân chính trị", "Bachelor of politics",
                         ("cu nhan llct", "cu nhan ly luan chinh tri"))
    XAC_NHAN_TRUNG_CAP = ("xac_nhan_trung_cap",
                          "Giấy xác nhận tương đương trung cấp lý luận chính trị",
                          "Confirmation of equivalence to intermediate level")
    XAC_NHAN_CAO_CAP = ("xac_nhan_cao_cap", "Giấy xác nhận tương đương cao cấp lý luận chính trị",
                        "Confirmation of equivalence to advanced level")


class LanguageLevel(OrderedTerm):
    """Bậc năng lực ngoại ngữ: the six-level framework of Circular 01/2014/TT-BGDĐT (= CEFR)."""

    BAC_1 = ("bac_1", "Bậc 1", "Level 1 (CEFR A1)", ("a1", "bac 1", "1"))
    BAC_2 = ("bac_2", "Bậc 2", "Level 2 (CEFR A2)", ("a2", "bac 2", "2"))
    BAC_3 = ("bac_3", "Bậc 3", "Level 3 (CEFR B1)", ("b1", "bac 3", "3"))
    BAC_4 = ("bac_4", "Bậc 4", "Level 4 (CEFR B2)", ("b2", "bac 4", "4"))
    BAC_5 = ("bac_5", "Bậc 5", "Level 5 (CEFR C1)", ("c1", "bac 5", "5"))
    BAC_6 = ("bac_6", "Bậc 6", "Level 6 (CEFR C2)", ("c2", "bac 6", "6"))


class ITSkillLevel(OrderedTerm):
    """Chuẩn kỹ năng sử dụng công nghệ thông tin: Circular 03/2014/TT-BTTTT."""

    BASIC = ("basic", "Cơ bản", "Basic", ("co ban", "ung dung cntt co ban"))
    ADVANCED = ("advanced", "Nâng cao", "Advanced", ("nang cao", "ung dung cntt nang cao"))


class StateManagementProgramme(Term):
    """Chương trình bồi dưỡng kiến thức quản lý nhà nước: by rank, or by leadership level."""

    CHUYEN_VIEN = ("chuyen_vien", "Ngạch chuyên viên và tương đương",
                   "Specialist and equivalent", ("cv", "qlnn chuyen vien"))
    CHUYEN_VIEN_CHINH = ("chuyen_vien_chinh", "Ngạch chuyên viên chính và tương đương",
                         "Principal specialist and equivalent", ("cvc", "qlnn chuyen vien chinh"))
    CHUYEN_VIEN_CAO_CAP = ("chuyen_vien_cao_cap", "Ngạch chuyên viên cao cấp và tương đương",
                           "Senior specialist and equivalent", ("cvcc", "qlnn chuyen vien cao cap"))
    LANH_DAO_CAP_PHONG = ("lanh_dao_cap_phong", "Lãnh đạo, quản lý cấp phòng và tương đương",
                          "Division-level leaders and equivalent")
    LANH_DAO_CAP_SO = ("lanh_dao_cap_so", "Lãnh đạo, quản lý cấp sở và tương đương",
                       "Department-level leaders and equivalent")


class PersonnelCategory(Term):
    """Cán bộ (elected or appointed by term), công chức (civil servant), viên chức (public employee)."""

    CAN_BO = ("can_bo", "Cán bộ", "Cadre")
    CONG_CHUC = ("cong_chuc", "Công chức", "Civil servant")
    VIEN_CHUC = ("vien_chuc", "Viên chức", "Public employee")


class AdministrativeLevel(OrderedTerm):
    """Cấp hành chính, lowest first. The district level ended with two-level local
    government; when each level existed is data (``data/tables/term-periods.yaml``)."""

    COMMUNE = ("commune", "Cấp xã", "Commune level", ("xa", "cap xa", "phuong", "thi tran"))
    DISTRICT = ("district", "Cấp huyện", "District level", ("huyen", "cap huyen", "quan"))
    PROVINCE = ("province", "Cấp tỉnh", "Provincial level", ("tinh", "cap tinh", "thanh pho"))
    CENTRAL = ("central", "Trung ương", "Central level", ("tw", "trung uong", "bo"))


class Rank(OrderedTerm):
    """Ngạch công chức hành chính, lowest first, with the official codes of Circular 02/2021/TT-BNV.

    Chuyên gia cao cấp (Law 80/2025/QH15) has no code in the sources read, so its
    code is the name; from when it exists is data (``data/tables/term-periods.yaml``).
    """

    NHAN_VIEN = ("01.005", "Nhân viên", "Staff", ("nhan vien",))
    CAN_SU = ("01.004", "Cán sự", "Officer", ("can su",))
    CHUYEN_VIEN = ("01.003", "Chuyên viên", "Specialist", ("chuyen vien", "cv"))
    CHUYEN_VIEN_CHINH = ("01.002", "Chuyên viên chính", "Principal specialist",
                         ("chuyen vien chinh", "cvc"))
    CHUYEN_VIEN_CAO_CAP = ("01.001", "Chuyên viên cao cấp", "Senior specialist",
                           ("chuyen vien cao cap", "cvcc"))
    CHUYEN_GIA_CAO_CAP = ("chuyen_gia_cao_cap", "Chuyên gia cao cấp", "Senior expert")


class Gender(Term):
    """Giới tính as recorded; the retirement-age schedule depends on it."""

    MALE = ("male", "Nam", "Male", ("m",))
    FEMALE = ("female", "Nữ", "Female", ("f", "nu"))


class PerformanceRating(OrderedTerm):
    """Xếp loại chất lượng hằng năm (annual rating), lowest first."""

    KHONG_HOAN_THANH = ("khong_hoan_thanh", "Không hoàn thành nhiệm vụ", "Did not complete tasks",
                        ("khong hoan thanh",))
    HOAN_THANH = ("hoan_thanh", "Hoàn thành nhiệm vụ", "Completed tasks", ("hoan thanh",))
    HOAN_THANH_TOT = ("hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ", "Completed tasks well",
                      ("hoan thanh tot",))
    HOAN_THANH_XUAT_SAC = ("hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ",
                           "Completed tasks excellently", ("hoan thanh xuat sac",))


class AreaType(Term):
    """Kinds of disadvantaged area for which standards allow exceptions."""

    MOUNTAINOUS = ("mountainous", "Miền núi", "Mountainous", ("mien nui",))
    HIGHLAND = ("highland", "Vùng cao", "Highland", ("vung cao",))
    BORDER = ("border", "Biên giới", "Border", ("bien gioi",))
    ISLAND = ("island", "Hải đảo", "Island", ("hai dao",))
    REMOTE = ("remote", "Vùng sâu, vùng xa", "Remote", ("vung sau vung xa",))
    ETHNIC_MINORITY = ("ethnic_minority", "Vùng đồng bào dân tộc thiểu số", "Ethnic-minority area",
                       ("dan toc thieu so", "vung dong bao dan toc thieu so"))
    ESPECIALLY_DIFFICULT = ("especially_difficult", "Vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn",
                            "Especially difficult socio-economic conditions",
                            ("dac biet kho khan",))


class CommuneKind(Term):
    """Loại đơn vị hành chính cấp xã: ward, commune or commune-level town (staffing ceilings
    differ between wards and the other two)."""

    WARD = ("phuong", "Phường", "Ward", ("ward",))
    COMMUNE = ("xa", "Xã", "Commune", ("commune",))
    TOWN = ("thi_tran", "Thị trấn", "Commune-level town", ("town",))


class UnitClass(Term):
    """Phân loại đơn vị hành chính: type I, II or III."""

    I = ("loai_1", "Loại I", "Type I", ("1", "i", "loai i"))  # noqa: E741  (the official name)
    II = ("loai_2", "Loại II", "Type II", ("2", "ii", "loai ii"))
    III = ("loai_3", "Loại III", "Type III", ("3", "iii", "loai iii"))


class Regime(Term):
    """Chế độ: the regime that governs a post on a date. Before two-level local government,
    commune staff held commune titles under their own regime, not administrative ranks;
    which posts fall under which regime, and when, is data (``data/tables/regimes.yaml``)."""

    COMMUNE = ("commune", "Chế độ cán bộ, công chức cấp xã",
               "Commune cadre and civil-servant regime (commune titles)", ("cap xa", "xa"))
    GENERAL = ("general", "Chế độ cán bộ, công chức theo ngạch, chức vụ",
               "General regime (ranks and posts)", ("ngach", "chung"))


class StandardEvent(Term):
    """Khi nào tiêu chuẩn được xét: the event at which a standard tests a person."""

    CONTINUOUS = ("continuous", "Thường xuyên, trong suốt thời gian giữ chức vụ, ngạch",
                  "Continuously, while the post or rank is held", ("thuong xuyen",))
    RECRUITMENT = ("recruitment", "Khi tuyển dụng", "At recruitment", ("tuyen dung",))
    FIRST_APPOINTMENT = ("first_appointment", "Khi bổ nhiệm, ứng cử lần đầu",
                         "At first appointment or candidacy", ("bo nhiem lan dau",))
    APPOINTMENT = ("appointment", "Khi bổ nhiệm và bổ nhiệm lại",
                   "At appointment and at each reappointment", ("bo nhiem", "bo nhiem lai"))


class CareerEventKind(Term):
    """Loại sự kiện trong quá trình công tác (Decree 27/2026/NĐ-CP data group on the career)."""

    RECRUITMENT = ("tuyen_dung", "Tuyển dụng", "Recruitment", ("recruitment",))
    ELECTION = ("bau_cu", "Bầu cử, phê chuẩn", "Election or approval", ("election", "bau"))
    APPOINTMENT = ("bo_nhiem", "Bổ nhiệm", "Appointment", ("appointment",))
    REAPPOINTMENT = ("bo_nhiem_lai", "Bổ nhiệm lại", "Reappointment", ("reappointment",))
    PLANNING = ("quy_hoach", "Quy hoạch", "Inclusion in a planning pool", ("planning",))
    TRANSFER = ("dieu_dong", "Điều động", "Transfer", ("transfer",))
    ROTATION = ("luan_chuyen", "Luân chuyển", "Rotation", ("rotation",))
    SECONDMENT = ("biet_phai", "Biệt phái", "Secondment", ("secondment",))
    RANK_PLACEMENT = ("xep_ngach", "Bổ nhiệm, xếp ngạch", "Rank appointment or placement",
                      ("nang ngach", "chuyen ngach", "rank"))
    RESIGNATION = ("thoi_viec", "Thôi việc", "Resignation", ("resignation",))
    RETIREMENT = ("nghi_huu", "Nghỉ hưu", "Retirement", ("retirement",))


VOCABULARIES: tuple[type[Term], ...] = (
    EducationLevel,
    PoliticalTheoryLevel,
    PoliticalTheoryDiploma,
    LanguageLevel,
    ITSkillLevel,
    StateManagementProgramme,
    PersonnelCategory,
    AdministrativeLevel,
    Rank,
    Gender,
    PerformanceRating,
    AreaType,
    CommuneKind,
    UnitClass,
    Regime,
    StandardEvent,
    CareerEventKind,
)
"""Every vocabulary, in the order the documentation lists them."""
