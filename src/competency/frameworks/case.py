"""Frameworks as 1EdTech CASE 1.0 packages (CFPackage JSON), both ways.

Export (:func:`export_case`) writes one ``CFPackage``: a ``CFDocument`` for the framework,
``CFItems`` for groups, competencies and behavioural indicators, ``isChildOf``
``CFAssociations`` for the hierarchy (with ``sequenceNumber`` for the order), a
``CFRubric`` per competency whose criterion levels are the level descriptors, and the
item types in ``CFDefinitions``. Identifiers are UUID version 5 of the framework id and
the element's path, so the same framework always gives the same package.

CASE 1.0 has one text per field and no extension point, so the bilingual content is
mapped field by field (Vietnamese in the primary field, English in its companion):

============================  =====================  ======================
element                       Vietnamese             English
============================  =====================  ======================
framework title               CFDocument.title       CFDocument.description
group name                    fullStatement          alternativeLabel
competency name               abbreviatedStatement   alternativeLabel
competency definition         fullStatement          notes
behavioural indicator         fullStatement          notes
level descriptor              description            feedback
============================  =====================  ======================

Fields with no CASE home (framework id, confidence, the illustrative flag, legal basis,
note, scale) travel as one JSON object at the start of ``CFDocument.notes``, after the
marker ``competency-framework:``; importing reads it back, so export then import gives
the same framework. Group kinds are ``conceptKeywords``; the level of an indicator is
the first number of its ``listEnumeration`` (``3.2`` = level 3, second indicator).

Import (:func:`read_case`, :func:`import_case`) also reads packages produced elsewhere,
whatever their CFItemTypes (Domain, Cluster, Strand, Standard, Skill, Indicator …): the
deepest items of a competency-like type become competencies, their parents groups (kind
guessed from the keywords or the name), their levelled children indicators; rubric criteria
attached to a competency give its level descriptors (level = the score when it is 1–5, else
the position). Every other item is kept as a line of the framework's note, or ignored when
nothing links it to the document, and :class:`CaseImport` counts where each went. A type
other than the default is kept (``case_type``) and exported again. Such a framework gets
confidence ``needs-check``, since nothing in it was checked here.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from competency.errors import DataFileError
from competency.frameworks.catalogue import framework_problems
from competency.frameworks.model import (
    Competency,
    CompetencyGroup,
    CompetencyGroupKind,
    Framework,
    LevelDescriptor,
    ScaleLevel,
)
from competency.law import Confidence, LegalReference
from competency.schema.convert import StructureError, structure, unstructure
from competency.schema.validate import validator
from competency.vocab import Text, fold

__all__ = ["DEFAULT_COMPETENCY_TYPES", "MARKER", "NAMESPACE", "CaseImport", "export_case",
           "import_case", "read_case"]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:competency:case")
"""Namespace of the version-5 UUIDs of exported packages."""

MARKER = "competency-framework:"
"""Start of the JSON object in ``CFDocument.notes`` holding what CASE 1.0 has no field for."""

_DOC_URI = "urn:competency:framework:"
_TYPES = {
    "group": ("Competency Group", "Nhóm năng lực", "1"),
    "competency": ("Competency", "Năng lực", "2"),
    "indicator": ("Behavioural Indicator", "Biểu hiện hành vi", "3"),
}
_STATUS = {Confidence.CONFIRMED: "Adopted", Confidence.NEEDS_CHECK: "Adopted (needs-check)",
           Confidence.DRAFT: "Draft", Confidence.ILLUSTRATIVE: "Illustrative"}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


# -- export ---------------------------------------------------------------------------------------

class _Ids:
    def __init__(self, framework_id: str, base_uri: str | None) -> None:
        self.framework_id = framework_id
        self.base = base_uri.rstrip("/") if base_uri else None

    def id(self, *path: str) -> str:
        return str(uuid.uuid5(NAMESPACE, "/".join((self.framework_id, *path))))

    def uri(self, collection: str, identifier: str) -> str:
        return f"{self.base}/{collection}/{identifier}" if self.base else f"urn:uuid:{identifier}"


def _link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


def _meta(framework: Framework) -> dict[str, Any]:
    return {"id": framework.id, "confidence": framework.confidence.value,
            "illustrative": framework.illustrative,
            "legal_basis": unstructure(framework.legal_basis),
            "note": unstructure(framework.note) if framework.note else None,
            "scale": unstructure(framework.scale)}


def export_case(framework: Framework, *, base_uri: str | None = None,
                last_change: dt.datetime | None = None) -> dict[str, Any]:
    """The framework as a CASE 1.0 ``CFPackage`` (JSON-ready data).

    ``base_uri`` makes every ``uri`` ``{base_uri}/{collection}/{identifier}`` (default
    ``urn:uuid:{identifier}``); ``last_change`` is every ``lastChangeDateTime`` (default:
    midnight UTC of ``valid_from``, or the Unix epoch), so output depends on input only.
    """
    ids = _Ids(framework.id, base_uri)
    stamp = last_change or (dt.datetime.combine(framework.valid_from, dt.time(), dt.UTC)
                            if framework.valid_from else _EPOCH)
    when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    doc_id = ids.id("document")
    doc_uri = ids.uri("CFDocuments", doc_id) if base_uri else f"{_DOC_URI}{framework.id}"
    doc_link = _link(framework.title.vi, doc_id, doc_uri)
    human = [framework.note.vi, framework.note.en] if framework.note else []
    document: dict[str, Any] = {
        "identifier": doc_id, "uri": doc_uri, "creator": framework.creator,
        "title": framework.title.vi, "lastChangeDateTime": when,
    }
    urls = [c.url for c in framework.legal_basis if c.url]
    if urls:
        document["officialSourceURL"] = urls[0]
    if framework.publisher:
        document["publisher"] = framework.publisher
    document["description"] = framework.title.en
    document["language"] = "vi"
    if framework.version:
        document["version"] = framework.version
    document["adoptionStatus"] = _STATUS[framework.confidence]
    if framework.valid_from:
        document["statusStartDate"] = framework.valid_from.isoformat()
    if framework.valid_until:
        document["statusEndDate"] = framework.valid_until.isoformat()
    document["notes"] = MARKER + json.dumps(_meta(framework), ensure_ascii=False,
                                            sort_keys=True) + "".join(f"\n\n{t}" for t in human)
    document["CFPackageURI"] = _link(framework.title.vi, ids.id("package"),
                                     ids.uri("CFPackages", ids.id("package")))

    type_links: dict[tuple[str, str], dict[str, str]] = {}
    item_types: list[dict[str, Any]] = []

    def item_type(code: str, title: str | None = None) -> dict[str, str]:
        """The link to the CFItemType of ``code`` titled ``title`` (an imported type kept)."""
        default, vi, hierarchy = _TYPES[code]
        title = title or default
        if (code, title) not in type_links:
            type_id = ids.id("item-type", code) if title == default else ids.id(
                "item-type", code, title)
            type_links[code, title] = _link(title, type_id, ids.uri("CFItemTypes", type_id))
            item_types.append({"identifier": type_id, "uri": ids.uri("CFItemTypes", type_id),
                               "title": title, "description": vi, "hierarchyCode": hierarchy,
                               "typeCode": code, "lastChangeDateTime": when})
        return type_links[code, title]

    for code in _TYPES:
        item_type(code)

    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    rubrics: list[dict[str, Any]] = []

    def item(kind: str, identifier: str, fields: dict[str, Any],
             case_type: str | None = None) -> dict[str, str]:
        uri = ids.uri("CFItems", identifier)
        type_link = item_type(kind, case_type)
        items.append({"identifier": identifier, "uri": uri, "CFDocumentURI": doc_link,
                      **fields, "CFItemType": type_link["title"], "CFItemTypeURI": type_link,
                      "language": "vi", "lastChangeDateTime": when})
        return _link(fields["fullStatement"], identifier, uri)

    def child_of(origin: dict[str, str], destination: dict[str, str], sequence: int) -> None:
        identifier = ids.id("association", origin["identifier"], destination["identifier"])
        associations.append({"identifier": identifier,
                             "uri": ids.uri("CFAssociations", identifier),
                             "associationType": "isChildOf", "CFDocumentURI": doc_link,
                             "sequenceNumber": sequence, "originNodeURI": origin,
                             "destinationNodeURI": destination, "lastChangeDateTime": when})

    scale_names = {s.level: s.name for s in framework.scale}
    for g_pos, group in enumerate(framework.groups, 1):
        g_link = item("group", ids.id("group", group.id), {
            "fullStatement": group.name.vi, "alternativeLabel": group.name.en,
            "humanCodingScheme": group.id, "conceptKeywords": [group.kind.code]},
            group.case_type)
        child_of(g_link, doc_link, g_pos)
        for c_pos, competency in enumerate(group.competencies, 1):
            c_link = item("competency", ids.id("competency", competency.id), {
                "fullStatement": competency.definition.vi,
                "alternativeLabel": competency.name.en, "humanCodingScheme": competency.id,
                "abbreviatedStatement": competency.name.vi, "notes": competency.definition.en},
                competency.case_type)
            child_of(c_link, g_link, c_pos)
            sequence = 0
            for descriptor in competency.levels:
                for k, indicator in enumerate(descriptor.indicators, 1):
                    sequence += 1
                    i_link = item("indicator", ids.id("indicator", competency.id,
                                                      str(descriptor.level), str(k)), {
                        "fullStatement": indicator.vi, "notes": indicator.en,
                        "humanCodingScheme": f"{competency.id}.{descriptor.level}.{k}",
                        "listEnumeration": f"{descriptor.level}.{k}"})
                    child_of(i_link, c_link, sequence)
            if competency.levels:
                rubrics.append(_rubric(ids, competency, c_link, scale_names, when))
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations,
            "CFDefinitions": {"CFConcepts": [], "CFSubjects": [], "CFLicenses": [],
                              "CFItemTypes": item_types, "CFAssociationGroupings": []},
            "CFRubrics": rubrics}


def _rubric(ids: _Ids, competency: Competency, c_link: dict[str, str],
            scale_names: Mapping[int, Text], when: str) -> dict[str, Any]:
    rubric_id = ids.id("rubric", competency.id)
    criterion_id = ids.id("criterion", competency.id)
    levels = []
    for descriptor in competency.levels:
        level_id = ids.id("criterion-level", competency.id, str(descriptor.level))
        quality = scale_names.get(descriptor.level, Text(vi=f"Cấp độ {descriptor.level}",
                                                         en=f"Level {descriptor.level}"))
        levels.append({"identifier": level_id, "uri": ids.uri("CFRubricCriterionLevels", level_id),
                       "description": descriptor.description.vi, "quality": quality.vi,
                       "score": float(descriptor.level), "feedback": descriptor.description.en,
                       "position": descriptor.level, "rubricCriterionId": criterion_id,
                       "lastChangeDateTime": when})
    criterion = {"identifier": criterion_id, "uri": ids.uri("CFRubricCriteria", criterion_id),
                 "category": competency.name.vi, "description": competency.definition.vi,
                 "CFItemURI": c_link, "weight": 1.0, "position": 1, "rubricId": rubric_id,
                 "lastChangeDateTime": when, "CFRubricCriterionLevels": levels}
    return {"identifier": rubric_id, "uri": ids.uri("CFRubrics", rubric_id),
            "title": competency.name.vi, "description": competency.name.en,
            "lastChangeDateTime": when, "CFRubricCriteria": [criterion]}


# -- import ---------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug if slug and slug[0].isalnum() else f"x-{slug}".rstrip("-")


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Unique:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, wanted: str) -> str:
        if _ID.match(wanted) and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        base = _slug(wanted) or "item"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _meta_of(notes: Any) -> dict[str, Any] | None:
    if not isinstance(notes, str) or not notes.startswith(MARKER):
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(notes, len(MARKER))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _identifier(link: Any) -> str | None:
    return link.get("identifier") if isinstance(link, dict) else None


def _kind_of(item: Mapping[str, Any], types: Mapping[str, str]) -> str | None:
    type_id = _identifier(item.get("CFItemTypeURI"))
    if type_id in types:
        return types[type_id]
    label = fold(str(item.get("CFItemType") or ""))
    for code, (title, vi, _) in _TYPES.items():
        if label in (fold(title), fold(vi), code):
            return code
    return None


def _guess_kind(item: Mapping[str, Any]) -> CompetencyGroupKind:
    for keyword in item.get("conceptKeywords") or ():
        try:
            return CompetencyGroupKind.parse(str(keyword))
        except KeyError:
            continue
    words = fold(" ".join(str(item.get(k) or "") for k in
                          ("fullStatement", "abbreviatedStatement", "alternativeLabel")))
    if any(w in words for w in ("quan ly", "lanh dao", "manage", "leader")):
        return CompetencyGroupKind.MANAGERIAL
    if any(w in words for w in ("chung", "general", "core", "common")):
        return CompetencyGroupKind.GENERAL
    return CompetencyGroupKind.PROFESSIONAL


def _levels_from(criteria: Iterable[Mapping[str, Any]], ours: bool,
                 indicators: Mapping[int, list[Text]]) -> tuple[LevelDescriptor, ...]:
    found: dict[int, LevelDescriptor] = {}
    for criterion in criteria:
        for level in criterion.get("CFRubricCriterionLevels") or ():
            score, position = level.get("score"), level.get("position")
            number = (int(score) if isinstance(score, (int, float)) and float(score).is_integer()
                      and 1 <= score <= 5 else position)  # noqa: PLR2004
            if not isinstance(number, int) or not 1 <= number <= 5 or number in found:  # noqa: PLR2004
                continue
            vi = str(level.get("description") or level.get("quality") or "")
            en = str(level.get("feedback")) if ours and level.get("feedback") is not None else vi
            found[number] = LevelDescriptor(level=number, description=Text(vi=vi, en=en),
                                            indicators=tuple(indicators.get(number, ())))
    return tuple(found[k] for k in sorted(found))


DEFAULT_COMPETENCY_TYPES = ("Competency", "Competence", "Năng lực", "Standard", "Skill",
                            "Kỹ năng")
"""CFItemTypes read as competencies when the caller names none."""

_DOCUMENT = object()
"""The parent of the document's own children, in the tree being read."""


def _level_of(entry: Mapping[str, Any]) -> int | None:
    """The level of an indicator: the first number of its ``listEnumeration``, when 1–5."""
    match = re.match(r"^\s*(\d+)", str(entry.get("listEnumeration") or ""))
    level = int(match.group(1)) if match else None
    return level if level is not None and 1 <= level <= 5 else None


@attrs.frozen(kw_only=True)
class CaseImport:
    """A framework read from a CASE package, and where each of its CFItems went.

    ``items`` = ``competencies`` + ``groups`` + ``indicators`` + notes + ignored: nothing
    is dropped without a line in ``notes`` (kept in the framework's note) or ``ignored``.
    """

    framework: Framework
    items: int
    competencies: int
    groups: int
    indicators: int
    notes: tuple[str, ...]
    ignored: tuple[str, ...]
    types: tuple[tuple[str, int], ...]
    """Each CFItemType of the package and how many items have it."""
    warnings: tuple[str, ...] = ()
    """Problems of the document itself (a date that is not one), not of an item."""

    def summary(self) -> str:
        """One line: the counts, then the item types."""
        types = ", ".join(f"{name} {n}" for name, n in self.types)
        counts = ", ".join(f"{n} {word if n == 1 else plural}" for n, word, plural in (
            (self.competencies, "competency", "competencies"), (self.groups, "group", "groups"),
            (self.indicators, "indicator", "indicators"),
            (len(self.notes), "kept as a note", "kept as notes"),
            (len(self.ignored), "ignored", "ignored")))
        return f"{self.items} CFItems: {counts}" + (f"; item types: {types}" if types else "")


class _Package:
    """A CASE package being read: its items, their tree, rubrics, and where each item went."""

    def __init__(self, package: Mapping[str, Any], competency_types: Iterable[str] | None) -> None:
        self.source = "CFPackage"
        document = package.get("CFDocument") if isinstance(package, Mapping) else None
        if not isinstance(document, Mapping) or not document.get("identifier"):
            raise DataFileError(source=self.source,
                                problems=("/CFDocument: missing or without identifier",))
        self.package, self.document = package, document
        self.meta = _meta_of(document.get("notes"))
        self.ours = self.meta is not None
        self.wanted_names = None if competency_types is None else tuple(competency_types)
        self.wanted = None if self.wanted_names is None else {fold(t) for t in self.wanted_names}
        self.notes: list[str] = []
        self.note_lines: list[str] = []
        self.ignored: list[str] = []
        self.warnings: list[str] = []
        self.indicators = self.group_items = 0
        for key in ("CFItems", "CFAssociations", "CFRubrics"):
            if not isinstance(package.get(key) or [], list):
                raise DataFileError(source=self.source, problems=(
                    f"/{key}: expected a list, found {type(package[key]).__name__}",))
        self.items: dict[str, Mapping[str, Any]] = {}
        self.count = 0
        for k, entry in enumerate(package.get("CFItems") or ()):
            self.count += 1
            identifier = entry.get("identifier") if isinstance(entry, Mapping) else None
            if not identifier:
                self.ignored.append(f"/CFItems/{k}: no identifier; ignored")
            elif identifier in self.items:
                self.ignored.append(f"/CFItems/{k}: repeats identifier {identifier!r}; ignored")
            else:
                self.items[identifier] = entry
        definitions = package.get("CFDefinitions") or {}
        item_types = [t for t in definitions.get("CFItemTypes") or () if isinstance(t, Mapping)]
        self.types = {t.get("identifier"): t.get("typeCode") if t.get("typeCode") in _TYPES
                      else next((code for code, (title, _, _) in _TYPES.items()
                                 if fold(title) == fold(str(t.get("title")))), None)
                      for t in item_types}
        self.type_titles = {t.get("identifier"): str(t.get("title") or "") for t in item_types}
        self.children = self._tree()
        self.order, self.parent = self._walk()
        self.rubric_criteria: dict[str, list[Mapping[str, Any]]] = {}
        for rubric in package.get("CFRubrics") or ():
            for criterion in (rubric or {}).get("CFRubricCriteria") or ():
                target = _identifier(criterion.get("CFItemURI"))
                if target:
                    self.rubric_criteria.setdefault(target, []).append(criterion)
        self.group_ids, self.competency_ids = _Unique(), _Unique()

    def _tree(self) -> dict[Any, list[tuple[Any, ...]]]:
        """Parent → children from the ``isChildOf`` associations; a dangling end is a problem."""
        children: dict[Any, list[tuple[Any, ...]]] = {}
        problems = []
        for k, assoc in enumerate(self.package.get("CFAssociations") or ()):
            if not isinstance(assoc, Mapping) or assoc.get("associationType") != "isChildOf":
                continue
            child, parent = _identifier(assoc.get("originNodeURI")), _identifier(
                assoc.get("destinationNodeURI"))
            if child not in self.items:
                problems.append(f"/CFAssociations/{k}/originNodeURI: no CFItem {child!r}")
                continue
            if parent != self.document["identifier"] and parent not in self.items:
                problems.append(f"/CFAssociations/{k}/destinationNodeURI: no CFItem or CFDocument "
                                f"{parent!r}")
                continue
            entry = self.items[child]
            seq = assoc.get("sequenceNumber")
            children.setdefault(_DOCUMENT if parent == self.document["identifier"] else parent,
                                []).append((
                seq if isinstance(seq, int) else 10**9, str(entry.get("listEnumeration") or ""),
                str(entry.get("humanCodingScheme") or ""), str(entry.get("fullStatement") or ""),
                child))
        if problems:
            raise DataFileError(source=self.source, problems=tuple(problems))
        return children

    def _walk(self) -> tuple[list[str], dict[str, Any]]:
        """Items reachable from the document, depth first in sequence order, each once with the
        parent it was first reached from; the others are ignored."""
        order: list[str] = []
        parent: dict[str, Any] = {}
        self.tree: dict[Any, list[str]] = {}
        stack: list[tuple[Any, str]] = [(_DOCUMENT, c) for c in reversed(self._kids(_DOCUMENT))]
        while stack:
            above, item = stack.pop()
            if item in parent:
                continue
            parent[item] = above
            self.tree.setdefault(above, []).append(item)
            order.append(item)
            stack.extend((item, c) for c in reversed(self._kids(item)) if c not in parent)
        for identifier in self.items:
            if identifier not in parent:
                self.ignored.append(f"CFItem {identifier}: not linked to the CFDocument by "
                                    "isChildOf associations; ignored")
        return order, parent

    def _kids(self, parent: Any) -> list[str]:
        return [entry[-1] for entry in sorted(self.children.get(parent, []))]

    def kids(self, parent: Any) -> list[str]:
        """The children of an item (or of the document) in the tree read, in sequence order."""
        return self.tree.get(parent, [])

    def above(self, marked: set[str]) -> set[str]:
        """The items with a ``marked`` item somewhere below them (one pass, children first)."""
        found: set[str] = set()
        for item in reversed(self.order):
            parent = self.parent[item]
            if parent is not _DOCUMENT and (item in marked or item in found):
                found.add(parent)
        return found

    def below(self, item: str) -> list[str]:
        """Every item under ``item`` in the tree read."""
        found: list[str] = []
        stack = list(reversed(self.kids(item)))
        while stack:  # no recursion: a package may nest deeper than Python's stack
            child = stack.pop()
            found.append(child)
            stack.extend(reversed(self.kids(child)))
        return found

    def type_name(self, entry: Mapping[str, Any]) -> str:
        """The CFItemType of an item as the package names it ("" when untyped)."""
        link = entry.get("CFItemTypeURI")
        return str(entry.get("CFItemType") or self.type_titles.get(_identifier(link))
                   or (link.get("title") if isinstance(link, Mapping) else "") or "")

    def keep(self, item: str, reason: str) -> None:
        """Keep an item that is no group, competency or indicator as a line of the note."""
        entry = self.items[item]
        kind = self.type_name(entry) or "CFItem"
        code = entry.get("humanCodingScheme") or item
        self.notes.append(f"CFItem {item} ({kind}): {reason}; kept as a note")
        self.note_lines.append(f"- {kind} {code}: {entry.get('fullStatement') or ''}".rstrip())

    def text(self, entry: Mapping[str, Any], main: str, companion: str) -> Text:
        vi = str(entry.get(main) or entry.get("fullStatement") or "")
        en = entry.get(companion) if self.ours else None
        return Text(vi=vi, en=str(en) if en is not None else vi)

    def case_type(self, entry: Mapping[str, Any], role: str) -> str | None:
        """The item's type when it is not the default one of its role."""
        name = self.type_name(entry)
        return name if name and name != _TYPES[role][0] else None

    def competency_items(self) -> set[str]:
        """The items read as competencies: the deepest items of a competency-like type, or,
        in a package whose types name none, by depth (see :func:`read_case`)."""
        if self.ours:
            candidates = {i for i in self.order
                          if _kind_of(self.items[i], self.types) == "competency"}
        else:
            wanted = self.wanted if self.wanted is not None else {
                fold(t) for t in DEFAULT_COMPETENCY_TYPES}
            candidates = {i for i in self.order if fold(self.type_name(self.items[i])) in wanted}
        if candidates:
            return candidates - self.above(candidates)
        if self.wanted is not None:
            found = sorted({self.type_name(e) for e in self.items.values()} - {""})
            raise DataFileError(source=self.source, problems=(
                (f"/CFItems: no item has a competency type ({', '.join(self.wanted_names or ())}); "
                 f"the item types are: {', '.join(found) or 'none'}"),))
        return {i for i in self.order
                if _kind_of(self.items[i], self.types) not in ("group", "indicator")
                and (self.parent[i] is _DOCUMENT and not self.kids(i)
                     or self.parent[i] is not _DOCUMENT and self.parent[self.parent[i]]
                     is _DOCUMENT)}

    def competency(self, item_id: str) -> Competency:
        """A competency, its indicators by level from the children, its levels from the rubric."""
        entry = self.items[item_id]
        levelled: list[tuple[int, str]] = []
        for child in self.kids(item_id):
            level = _level_of(self.items[child])
            if level is None:
                self.keep(child, "below a competency, without a level 1–5 in listEnumeration")
            else:
                levelled.append((level, child))
            for deeper in self.below(child):
                self.keep(deeper, "below an indicator")
        criteria = self.rubric_criteria.get(item_id, ())
        described = {d.level for d in _levels_from(criteria, self.ours, {})}
        indicators: dict[int, list[Text]] = {}
        for level, child in levelled:
            if level in described:
                indicators.setdefault(level, []).append(
                    self.text(self.items[child], "fullStatement", "notes"))
                self.indicators += 1
            else:
                self.keep(child, f"indicator of level {level}, which no rubric level describes")
        name_field = "abbreviatedStatement" if entry.get("abbreviatedStatement") else "fullStatement"
        return Competency(
            id=self.competency_ids(str(entry.get("humanCodingScheme") or entry.get(name_field)
                                       or "")),
            name=self.text(entry, name_field, "alternativeLabel"),
            definition=self.text(entry, "fullStatement", "notes"),
            levels=_levels_from(criteria, self.ours, indicators),
            case_type=self.case_type(entry, "competency"))

    def groups(self) -> tuple[CompetencyGroup, ...]:
        """The parents of the competencies as groups, in tree order; competencies at the top
        go to one more group; every other item is kept as a note."""
        competencies = self.competency_items()
        under: dict[Any, list[Competency]] = {}
        for item in self.order:
            if item in competencies:
                under.setdefault(self.parent[item], []).append(self.competency(item))
        placed = set(competencies) | {p for p in under if p is not _DOCUMENT}
        placed |= {d for c in competencies for d in self.below(c)}
        over = self.above(placed)
        for item in self.order:
            if item not in placed:
                self.keep(item, "above the groups" if item in over else "no competency below it")
        groups = []
        for parent, found in under.items():
            if parent is _DOCUMENT:
                continue
            entry = self.items[parent]
            groups.append(CompetencyGroup(
                id=self.group_ids(str(entry.get("humanCodingScheme") or entry.get("fullStatement")
                                      or "")),
                kind=_guess_kind(entry), name=self.text(entry, "fullStatement", "alternativeLabel"),
                competencies=tuple(found), case_type=self.case_type(entry, "group")))
        self.group_items = len(groups)
        if _DOCUMENT in under:
            groups.append(CompetencyGroup(id=self.group_ids("competencies"),
                                          kind=CompetencyGroupKind.PROFESSIONAL,
                                          name=Text(vi="Năng lực", en="Competencies"),
                                          competencies=tuple(under[_DOCUMENT])))
        if not groups:
            found = sorted({self.type_name(e) for e in self.items.values()} - {""})
            raise DataFileError(source=self.source, problems=(
                ("/CFItems: no competency found (item types: "
                 f"{', '.join(found) or 'none'}); name the types that are competencies"),))
        return tuple(groups)

    def header(self) -> dict[str, Any]:
        """The framework's id, title, confidence, citations, scale and note: from our own
        metadata when this project wrote the package, else from the document."""
        document, meta = self.document, self.meta
        if meta is not None:
            try:
                return {
                    "id": str(meta["id"]), "confidence": Confidence(meta["confidence"]),
                    "illustrative": bool(meta.get("illustrative", False)),
                    "legal_basis": structure(meta.get("legal_basis") or [],
                                             tuple[LegalReference, ...]),
                    "scale": structure(meta.get("scale") or [], tuple[ScaleLevel, ...]),
                    "note": structure(meta["note"], Text) if meta.get("note") is not None else None,
                    "title": Text(vi=str(document.get("title") or ""),
                                  en=str(document.get("description") or document.get("title")
                                         or ""))}
            except (KeyError, ValueError, StructureError) as exc:
                raise DataFileError(source=f"{self.source} /CFDocument/notes",
                                    problems=(f"unreadable framework metadata: {exc}",)) from None
        uri = str(document.get("uri") or "")
        framework_id = (uri.removeprefix(_DOC_URI) if uri.startswith(_DOC_URI)
                        else f"case.{str(document['identifier']).lower()}")
        human = str(document.get("notes") or document.get("description") or "").strip()
        return {
            "id": framework_id, "confidence": Confidence.NEEDS_CHECK, "illustrative": False,
            "legal_basis": tuple(
                LegalReference(instrument=str(document.get("title") or framework_id),
                               url=str(document["officialSourceURL"]),
                               confidence=Confidence.NEEDS_CHECK,
                               note="Imported from a CASE package; not checked.")
                for _ in [0] if document.get("officialSourceURL")),
            "scale": _scale_from(self.package.get("CFRubrics") or ()),
            "note": Text(vi=human, en=human) if human else None,
            "title": Text(vi=str(document.get("title") or ""),
                          en=str(document.get("title") or ""))}

    def note(self, note: Text | None) -> Text | None:
        """The framework's note, followed by the items kept as notes."""
        if not self.note_lines:
            return note
        kept = "\n".join(self.note_lines)
        return Text(vi=(f"{note.vi}\n\n" if note else "") + f"Mục CASE giữ làm ghi chú:\n{kept}",
                    en=(f"{note.en}\n\n" if note else "") + f"CASE items kept as notes:\n{kept}")

    def date(self, key: str) -> dt.date | None:
        value = self.document.get(key)
        try:
            return dt.date.fromisoformat(str(value)[:10]) if value else None
        except ValueError:
            self.warnings.append(f"CFDocument {key}: {value!r} is not a date; ignored")
            return None


def read_case(package: Mapping[str, Any], *,
              competency_types: Iterable[str] | None = None) -> CaseImport:
    """A framework from a CASE 1.0 ``CFPackage``, with where each CFItem went; problems raise
    :class:`DataFileError`.

    Competencies are the deepest items whose CFItemType is one of ``competency_types``
    (default :data:`DEFAULT_COMPETENCY_TYPES`; accents and case ignored): a ``Standard``
    with ``Standard`` children is a parent node, its children the competencies. The parent
    of each competency is its group (Cluster, Domain, Strand …); competencies directly under
    the document form one more group. Children of a competency with a level in their
    ``listEnumeration`` that its rubric describes are its indicators. When no item has a
    competency type (an untyped package) and ``competency_types`` is not given, the
    document's children are the groups (or competencies, when they have no children) and
    theirs the competencies. Every other item linked to the document is kept as a line of
    the framework's note, under its type; items not linked are ignored. Groups and
    competencies keep a type other than the default in ``case_type``, and export writes it.
    """
    reader = _Package(package, competency_types)
    groups = reader.groups()
    document = reader.document
    header = reader.header()
    header["note"] = reader.note(header["note"])
    framework = Framework(
        **header, creator=str(document.get("creator") or "?"),
        publisher=document.get("publisher") or None, version=document.get("version") or None,
        valid_from=reader.date("statusStartDate"), valid_until=reader.date("statusEndDate"),
        groups=groups)
    problems = [f"{reader.source}: {issue}" for issue in validator("framework").errors(
        unstructure(framework))]
    problems += framework_problems(framework, reader.source)
    if problems:
        raise DataFileError(source=reader.source, problems=tuple(problems))
    types = collections.Counter(reader.type_name(e) or "(untyped)" for e in reader.items.values())
    return CaseImport(framework=framework, items=reader.count,
                      competencies=len(framework.competencies()), groups=reader.group_items,
                      indicators=reader.indicators, notes=tuple(reader.notes),
                      ignored=tuple(reader.ignored), types=tuple(sorted(types.items())),
                      warnings=tuple(reader.warnings))


def import_case(package: Mapping[str, Any], *, warnings: list[str] | None = None,
                competency_types: Iterable[str] | None = None) -> Framework:
    """The framework of a CASE 1.0 ``CFPackage`` (see :func:`read_case`); each item kept as a
    note or ignored gets a line in ``warnings`` when a list is given."""
    found = read_case(package, competency_types=competency_types)
    if warnings is not None:
        warnings += [*found.notes, *found.ignored, *found.warnings]
    return found.framework


def _scale_from(rubrics: Iterable[Mapping[str, Any]]) -> tuple[ScaleLevel, ...]:
    found: dict[int, str] = {}
    for rubric in rubrics:
        for criterion in (rubric or {}).get("CFRubricCriteria") or ():
            for level in criterion.get("CFRubricCriterionLevels") or ():
                score, position = level.get("score"), level.get("position")
                number = (int(score) if isinstance(score, (int, float)) and float(score).is_integer()
                          and 1 <= score <= 5 else position)  # noqa: PLR2004
                quality = level.get("quality")
                if isinstance(number, int) and 1 <= number <= 5 and quality:  # noqa: PLR2004
                    found.setdefault(number, str(quality))
    return tuple(ScaleLevel(level=k, name=Text(vi=v, en=v), description=Text(vi=v, en=v))
                 for k, v in sorted(found.items()))
