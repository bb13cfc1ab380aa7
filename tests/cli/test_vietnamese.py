"""Every command that writes for people speaks Vietnamese under ``--lang vi``: no English
word but codes and ids.

Every word of standard output and standard error is taken. Codes are words with a digit,
dot, hyphen, underscore or slash; words in square brackets (``[age]``, ``[illustrative]``) or
backticks; web addresses; the codes of the vocabularies and the package's name;
acronyms in capitals (``UBND``); single letters (the points of an article, ``điểm a``); and
the ids of the catalogues (rule, standard, framework, competency, profile, scheme, criterion
and target ids). What is left must be Vietnamese: a word with a Vietnamese letter, or a
word shaped like a Vietnamese syllable written without its accents (``Phong``, ``theo``)
that is not a word of the English messages (``due``, ``met``).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from competency import vocab
from competency.cli._messages import MESSAGES
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps import GapKind
from competency.io.roster import after_notes
from competency.law import Confidence
from competency.rules.nodes import walk
from competency.rules.outcome import Outcome
from competency.schema.convert import unstructure
from competency.selection.catalogue import builtin_schemes
from competency.standards.catalogue import Catalog
from competency.targets.catalogue import builtin_target_sets
from tests.cli.test_cli import ROOT, SAMPLE, run

PARTICIPATIONS = ROOT / "examples" / "participations.jsonl"
ASSESSMENTS = ROOT / "examples" / "assessments.jsonl"

WORD = re.compile(r"[\w.\-/]+")
CODE_SPANS = re.compile(r"\[[\w.\-/]+\]|`[^`]*`|https?://\S+")
"""A code in square brackets or backticks, and a web address."""
VIETNAMESE_LETTER = re.compile(r"[À-ỹđĐ]")
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(uye|uya|uyu|ieu|yeu|uoi|uou|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|"
    r"ue|ui|uo|uu|uy|ye|[aeiouy])(ch|ng|nh|[cmnpt])?", re.IGNORECASE)
"""An accentless Vietnamese syllable: onset, vowel nucleus, final consonant."""


def _words(text: str) -> set[str]:
    """The words of a message, its ``{fields}`` left out."""
    return set(WORD.findall(re.sub(r"\{[^}]*\}", " ", text)))


VIETNAMESE_HOMOGRAPHS = {"an", "so"}
"""English words of the messages that are Vietnamese syllables too (``an toàn``, ``so sánh``)."""


def _english_vocabulary() -> set[str]:
    """Words of the English messages and labels that are no Vietnamese message's words."""
    english = set().union(*(_words(en) for _, en in MESSAGES.values()),
                          *(_words(t.label("en")) for t in (*Outcome, *GapKind, *Confidence)))
    vietnamese = set().union(*(_words(vi) for vi, _ in MESSAGES.values()))
    return {w.lower() for w in english - vietnamese} - VIETNAMESE_HOMOGRAPHS


def _ids() -> set[str]:
    """Ids of every catalogue and codes of every vocabulary: printed as they are, in every
    language (with the kinds of requirement, as ``standards show`` names them)."""
    ids = {"competency"}
    for standard in Catalog.builtin():
        ids.add(standard.id)
        for node in walk(standard.requirements):
            ids |= {node.id, *unstructure(node)}
    ids |= {t.code for name in dir(vocab) if isinstance(term := getattr(vocab, name), type)
            and issubclass(term, vocab.Term) and term is not vocab.Term for t in term}
    frameworks = FrameworkCatalog.builtin()
    for framework in frameworks.frameworks.values():
        ids |= {framework.id} | {c.id for c in framework.competencies()}
        ids |= {g.id for g in framework.groups}
    ids |= set(frameworks.profiles)
    for scheme in builtin_schemes().values():
        ids |= {scheme.id} | {c.id for c in scheme.criteria}
    for target_set in builtin_target_sets().values():
        ids |= {target_set.id} | {i.id for i in target_set.indicators}
    return ids


ENGLISH = _english_vocabulary()
IDS = _ids()


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are neither codes nor Vietnamese."""
    return sorted({w for w in WORD.findall(CODE_SPANS.sub(" ", text))
                   if not re.search(r"[\d._\-/]", w) and w not in IDS and len(w) > 1
                   and not (w.isupper() and w.isalpha())
                   and not VIETNAMESE_LETTER.search(w)
                   and (not SYLLABLE.fullmatch(w) or w.lower() in ENGLISH)})


S = str(SAMPLE)
COMMANDS = {
    "check-2020": ["check", S, "--on", "2020-06-01", "--all"],
    "check-2024": ["check", S, "--on", "2024-06-01", "--all"],
    "check-2025": ["check", S, "--on", "2025-07-01", "--all"],
    "validate": ["validate", S],
    "explain": ["explain", S, "--id", "MAU-0001", "--on", "2024-06-01"],
    "diff": ["diff", S, "--from", "2020-06-01", "--to", "2025-07-01"],
    "gaps": ["gaps", S, "--on", "2024-06-01"],
    "gaps-by-level": ["gaps", S, "--on", "2024-06-01", "--by", "level"],
    "gaps-one": ["gaps", S, "--on", "2024-06-01", "--id", "MAU-0001"],
    "select": ["select", S, "--scheme", "vn.postgraduate-dispatch", "--on", "2024-06-01"],
    "select-quota": ["select", S, "--scheme", "hn.de-an-19-2022.short-courses-abroad",
                     "--on", "2024-06-01", "--quota", "3", "--per", "unit", "--max-per-group", "1"],
    "targets": ["targets", S, "--on", "2024-06-01", "--by", "unit"],
    "targets-trajectory": ["targets", S, "--on", "2020-06-01", "--on", "2025-07-01"],
    "evaluate": ["evaluate", str(PARTICIPATIONS), "--assessments", str(ASSESSMENTS),
                 "--on", "2024-06-30"],
    "standards-list": ["standards", "list"],
    "standards-list-on": ["standards", "list", "--on", "2024-06-01"],
    "standards-show": ["standards", "show", "vn.nd-33-2023.cong-chuc-xa"],
    "standards-history": ["standards", "history", "commune-civil-servant"],
    "frameworks-list": ["frameworks", "list"],
    "frameworks-show": ["frameworks", "show", "vn.minh-hoa.khung-nang-luc-cong-chuc",
                        "--indicators"],
    "frameworks-show-profile": ["frameworks", "show", "vn.minh-hoa.cong-chuc-xa.tu-phap-ho-tich"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_in_vietnamese_prints_no_english_word(name):
    result = run(*COMMANDS[name], "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "nothing written"
    assert english_words(result.stdout + result.stderr) == []


@pytest.mark.parametrize("name", ["validate", "diff", "gaps", "select", "targets", "evaluate",
                                  "standards-show", "frameworks-list"])
def test_the_same_command_in_english_is_caught(name):
    """The guard can fail: the English output of the same command has English words."""
    result = run(*COMMANDS[name], "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert english_words(result.stdout + result.stderr) != []


def test_each_message_has_the_same_fields_in_both_languages():
    """A field missing from one language would fail only when that language is asked for."""
    fields = re.compile(r"\{(\w+)[^}]*\}")
    for key, (vi, en) in MESSAGES.items():
        if re.search(r"[^\W\d_]", re.sub(r"\{[^}]*\}", "", vi)):   # it has words
            assert vi != en, key
        assert sorted(fields.findall(vi)) == sorted(fields.findall(en)), key


def test_the_guard_knows_codes_from_words():
    assert english_words("hồ sơ: đọc 38 · Xã Phong Nẫm · [age] UBND điểm a · due") == ["due"]
    assert english_words("records: read 38 · cc_xa.tu_phap · vn.nd-33-2023") == [
        "read", "records"]


def test_the_same_check_in_english_says_so():
    result = run("check", S, "--on", "2020-06-01", "--lang", "en")
    assert "records: read 38, valid 38, invalid 0" in result.stderr
    assert "officials without an applicable standard" in result.stderr


def test_summaries_in_vietnamese_count_every_record():
    """The Vietnamese summaries give the same counts as the English ones."""
    validate = run("validate", S)
    assert f"{S}: đọc 38, hợp lệ 38, không hợp lệ 0" in validate.stdout
    select = run(*COMMANDS["select"])
    assert "hồ sơ: đọc 38, hợp lệ 38, không hợp lệ 0; xếp hạng 14 (được chọn 14)" in select.stderr
    diff = run(*COMMANDS["diff"], "--lang", "en")
    changed = int(diff.stderr.split("changed: ")[1].split()[0])
    assert f"số chức danh thay đổi kết quả: {changed}" in run(*COMMANDS["diff"]).stderr


def test_dates_after_the_as_of_date_are_noted_a_few_then_counted():
    """The sample roster holds many dates after 2020-06-01: five notes, then one count."""
    result = run("check", S, "--on", "2020-06-01", "--lang", "en")
    notes = [line for line in result.stderr.splitlines() if ": note: /" in line]
    assert len(notes) == 5
    last = next(line for line in result.stderr.splitlines() if "more dates after" in line)
    hidden = int(last.split("note: ")[1].split()[0])
    total = sum(len(after_notes(json.loads(line), dt.date(2020, 6, 1)))
                for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    assert hidden == total - 5


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
"""A value of the record (or of the schema) as the messages quote it: data, not words."""


def test_record_errors_in_vietnamese_have_no_english_sentence(tmp_path):
    """Every kind of error the synthetic generator breaks records with, and those of broken
    JSON, a repeated id, a late date and a spreadsheet cell, reads in Vietnamese: what is left
    once the quoted values are taken out has no English word (English runs are caught)."""
    from competency import synth
    roster = tmp_path / "broken.jsonl"
    lines = [json.dumps(r, ensure_ascii=False)
             for r in synth.generate(600, seed=3, invalid_share=0.5,
                                                 on=dt.date(2025, 1, 1))]
    lines += ['{"id": "X",', lines[0], '{"id": "Y", "birth_date": "2300-01-01"}']
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sheet = tmp_path / "broken.csv"
    sheet.write_text("Mã hồ sơ,Giới tính,Ngày sinh\nA1,khác,31/02/1990\n", encoding="utf-8")
    vi = run("validate", str(roster), str(sheet), "--jobs", "1", "--lang", "vi")
    en = run("validate", str(roster), str(sheet), "--jobs", "1", "--lang", "en")
    assert vi.returncode == en.returncode == 1
    errors = [line for line in vi.stderr.splitlines() if line.startswith(str(tmp_path))]
    assert len(errors) == len([ln for ln in en.stderr.splitlines()
                               if ln.startswith(str(tmp_path))]) > 100
    assert english_words(QUOTED.sub(" ", vi.stderr.replace(str(tmp_path), ""))) == []
    assert english_words(QUOTED.sub(" ", en.stderr.replace(str(tmp_path), ""))) != []
    # the pointers and values are the same in both languages
    assert [e.split(": ")[0] for e in errors] == [
        e.split(": ")[0] for e in en.stderr.splitlines() if e.startswith(str(tmp_path))]
