"""The words the commands print, in Vietnamese and English, in one place.

A message is looked up by key and language and filled with ``str.format`` fields, so that a
command written for ``--lang vi`` prints no English word but codes and ids.
"""

from __future__ import annotations

import re

from competency.rules.outcome import Outcome

__all__ = ["MESSAGES", "message", "record_error", "state_label"]

MESSAGES: dict[str, tuple[str, str]] = {
    # --- shared: every command ---
    "counts": ("đọc {read}, hợp lệ {valid}, không hợp lệ {invalid}",
               "read {read}, valid {valid}, invalid {invalid}"),
    "records": ("hồ sơ: đọc {read}, hợp lệ {valid}, không hợp lệ {invalid}",
                "records: read {read}, valid {valid}, invalid {invalid}"),
    "assessments": ("đánh giá năng lực: {counts}", "assessments: {counts}"),
    "wrote": ("đã ghi {file}", "wrote {file}"),
    "note": ("ghi chú", "note"),
    "more-after": ("còn {n} ngày khác sau ngày xét {on} (không hiện ở đây)",
                   "{n} more dates after the as-of date {on} (not shown here)"),
    "replaces-national": ("{path}: ghi chú: {new!r} thay thế tiêu chuẩn quốc gia {old!r} ({cite}) "
                          "đối với người thuộc phạm vi của cả hai",
                          "{path}: note: {new!r} replaces the national standard {old!r} ({cite}) "
                          "for the officials both apply to"),
    "replaces": ("{path}: ghi chú: {new!r} thay thế tiêu chuẩn {old!r} ({cite}) "
                 "đối với người thuộc phạm vi của cả hai",
                 "{path}: note: {new!r} replaces the standard {old!r} ({cite}) "
                 "for the officials both apply to"),
    "no-record": ("{roster}: không có hồ sơ mã {id!r}", "{roster}: no record with id {id!r}"),
    "no-valid-record": ("{roster}: không có hồ sơ hợp lệ mã {id!r}",
                        "{roster}: no valid record with id {id!r}"),
    "none": ("không có", "none"),
    "yes": ("có", "yes"),
    "confidence": ("độ tin cậy", "confidence"),
    "due": ("hạn", "due"),
    # --- check ---
    "results": ("kết quả: {results}; số người không có tiêu chuẩn áp dụng: {without}",
                "results: {results}; officials without an applicable standard: {without}"),
    "failing-rules": ("yêu cầu chưa đạt:", "failing rules:"),
    "col-official": ("mã hồ sơ", "official"),
    "col-post": ("chức danh", "post"),
    "col-instrument": ("văn bản", "instrument"),
    "col-outcome": ("kết quả", "outcome"),
    "col-due": ("thời hạn", "due"),
    "col-why": ("lý do", "why"),
    "n-results": ("{n} kết quả", "{n} results"),
    "check.parquet-needs-out": ("--format parquet ghi một tệp Parquet: cần --out FILE.parquet",
                                "--format parquet writes a Parquet file: give --out FILE.parquet"),
    # -- competency plan ---------------------------------------------------------------------
    "plan-title": ("Kế hoạch đào tạo, bồi dưỡng", "Training plan"),
    "plan-col-programme": ("chương trình", "programme"),
    "plan-col-area": ("địa bàn", "area"),
    "plan-col-participants": ("học viên", "participants"),
    "plan-col-classes": ("lớp", "classes"),
    "plan-col-sizes": ("sĩ số", "class sizes"),
    "plan-col-unit-cost": ("đơn giá (đồng)", "unit cost (VND)"),
    "plan-col-cost": ("thành tiền (đồng)", "cost (VND)"),
    "plan-sources-title": ("Theo nguồn nhu cầu", "By source of need"),
    "plan-col-source": ("nguồn", "source"),
    "plan-col-needs": ("nhu cầu", "needs"),
    "plan-col-funded": ("đã bố trí", "funded"),
    "plan-col-unfunded": ("chưa bố trí", "unfunded"),
    "plan-total": ("Tổng kinh phí: {cost} đồng; kinh phí được giao: {budget}",
                   "Total cost: {cost} VND; budget: {budget}"),
    "plan-no-budget": ("không giới hạn", "none"),
    "plan-illustrative": ("Đơn giá là giá trị minh họa [illustrative].",
                          "Unit costs are illustrative example values [illustrative]."),
    "plan-needs": ("Nhu cầu: {needs}; đã bố trí {funded}; chưa bố trí {unfunded}",
                   "Needs: {needs}; funded {funded}; unfunded {unfunded}"),
    "plan-classes": ("Số lớp: {classes}; số lượt học viên: {participants}",
                     "Classes: {classes}; participants: {participants}"),
    "plan-reviews-title": ("Chương trình cần xem lại (đánh giá năm trước)",
                           "Programmes to review (last year's evaluation)"),
    "plan-col-band": ("xếp loại chất lượng", "quality band"),
    "plan-col-index": ("chỉ số chung", "index"),
    "plan-col-improved": ("tiến bộ / được so sánh", "improved / compared"),
    "plan-col-planned": ("học viên năm nay", "planned now"),
    "plan-no-gain": ("không ai tiến bộ", "no one improved"),
    "plan-overlay": ("tệp bổ sung kế hoạch: {path} ({programmes} chương trình, {targets} chỉ tiêu "
                     "chuyển thành nhu cầu, {rules} quy định theo chức danh, quy hoạch) "
                     "[{confidence}]",
                     "plan overlay: {path} ({programmes} programmes, {targets} targets turned "
                     "into needs, {rules} title and planning rules) [{confidence}]"),
    "plan-target-needs": ("chỉ tiêu {target}: thiếu {gap} người → chương trình {programme}",
                          "target {target}: {gap} people short → programme {programme}"),
    "plan-wrote": ("đã ghi {path}", "wrote {path}"),
    "plan-assessments": ("đánh giá: đọc {read}, hợp lệ {valid}, không hợp lệ {invalid}",
                         "assessments: read {read}, valid {valid}, invalid {invalid}"),
    "plan-participations": ("lượt tham gia năm trước: đọc {read}, hợp lệ {valid}, không hợp lệ "
                            "{invalid}", "last year's participations: read {read}, valid {valid}, "
                            "invalid {invalid}"),
    # -- end of competency plan --------------------------------------------------------------
    # --- explain ---
    "explain.none": ("{id}: không có tiêu chuẩn nào áp dụng ngày {on}",
                     "{id}: no applicable standard on {on}"),
    # --- validate ---
    "validate.with-notes": (" ({n} hồ sơ có ghi chú)", " ({n} with notes)"),
    # --- diff ---
    "diff.no-standard": ("không có tiêu chuẩn áp dụng", "no standard"),
    "diff.in-force": ("bắt đầu áp dụng", "in force"),
    "diff.ended": ("hết áp dụng", "ended"),
    "diff.summary": ("hồ sơ: {counts}; số chức danh thay đổi kết quả: {n}",
                     "records: {counts}; changed: {n} post(s)"),
    # --- gaps ---
    "gaps.records": ("hồ sơ: {counts}", "records: {counts}"),
    "gaps.summary": ("có khoảng cách: {with_gaps}/{officials} ({kinds}); nhu cầu đào tạo: {needs}",
                     "with gaps: {with_gaps}/{officials} ({kinds}); training needs: {needs}"),
    "gaps.title": ("Khoảng cách theo {by} ngày {on}", "Gaps by {by} as of {on}"),
    "gaps.by-unit": ("đơn vị", "unit"),
    "gaps.by-position": ("chức danh", "position"),
    "gaps.by-level": ("cấp hành chính", "level"),
    "gaps.col-name": ("tên", "name"),
    "gaps.col-officials": ("số người", "officials"),
    "gaps.col-with-gaps": ("có khoảng cách", "with gaps"),
    "gaps.col-most-common": ("thiếu hụt nhiều nhất", "most common"),
    # --- select ---
    "select.illustrative": ("MINH HỌA: ví dụ dựng từ thông tin đã biết, không phải văn bản",
                            "ILLUSTRATIVE: an example built from what is known, not the "
                            "scheme's text"),
    "select.rules": ("điều kiện", "rules"),
    "select.scoring": ("chấm điểm", "scoring"),
    "select.order": ("thứ tự", "order"),
    "select.commitment": ("cam kết", "commitment"),
    "select.repayment": ("đền bù", "repayment"),
    "select.places": ("chỉ tiêu", "places"),
    "select.per-unit": ("đơn vị", "unit"),
    "select.per-province": ("tỉnh", "province"),
    "select.per-field": ("ngành học", "field of study"),
    "select.col-official": ("mã hồ sơ", "official"),
    "select.col-unit": ("đơn vị", "unit"),
    "select.col-score": ("điểm", "score"),
    "select.col-breakdown": ("chi tiết điểm", "breakdown"),
    "select.col-selected": ("được chọn", "selected"),
    "select.title": ("{shown}/{ranked} người được xếp hạng", "{shown} of {ranked} ranked"),
    "select.ineligible": ("không đủ điều kiện: {n}", "ineligible: {n}"),
    "select.unknown": ("chưa đủ dữ liệu: {unknown}; ngoài phạm vi: {outside}",
                       "unknown (data missing): {unknown}; outside the scope: {outside}"),
    "select.pool": ("chỉ tiêu {title}: {taken}/{places} — {chosen}",
                    "pool {title}: {taken}/{places} — {chosen}"),
    "select.just-missed": ("sát nút: #{rank} {id} ({reason})",
                           "just missed: #{rank} {id} ({reason})"),
    "select.summary": ("hồ sơ: {counts}; xếp hạng {ranked} (được chọn {selected}), không đủ điều "
                       "kiện {ineligible}, chưa đủ dữ liệu {unknown}, ngoài phạm vi {outside}",
                       "records: {counts}; ranked {ranked} (selected {selected}), ineligible "
                       "{ineligible}, unknown {unknown}, outside the scope {outside}"),
    # --- targets ---
    "targets.title": ("Chỉ tiêu về đội ngũ cán bộ", "Workforce targets"),
    "targets.col-on": ("ngày", "on"),
    "targets.col-indicator": ("chỉ tiêu", "indicator"),
    "targets.col-group": ("nhóm", "group"),
    "targets.col-met": ("đạt/tổng", "met/total"),
    "targets.col-share": ("tỷ lệ", "share"),
    "targets.col-target": ("mục tiêu", "target"),
    "targets.col-status": ("đánh giá", "status"),
    "targets.col-gap": ("còn thiếu", "gap"),
    "targets.col-unknown": ("chưa rõ", "unknown"),
    "targets.col-due": ("thời hạn", "due"),
    "targets.col-confidence": ("tin cậy", "confidence"),
    "targets.counts-people": ("người", "people"),
    "targets.counts-units": ("đơn vị", "units"),
    "targets.legend": ("{needs_check}: số liệu từ nguồn thứ cấp; {illustrative}: cách hiểu vận "
                       "hành của thư viện, không phải văn bản; chưa rõ: thiếu dữ liệu, không tính "
                       "là đạt.",
                       "{needs_check}: figures from secondary sources; {illustrative}: this "
                       "library's operational reading, not the text; unknown: data missing, not "
                       "counted as met."),
    "targets.summary": ("{roster} ({on}): hồ sơ: {counts}", "{roster} ({on}): records {counts}"),
    # --- evaluate ---
    "evaluate.changes": ("Thay đổi cấp độ năng lực", "Level changes"),
    "evaluate.quality": ("Chất lượng lớp", "Class quality"),
    "evaluate.col-programme": ("Mã chương trình", "programme"),
    "evaluate.col-unit": ("Mã đơn vị", "unit"),
    "evaluate.col-competency": ("Mã năng lực", "competency"),
    "evaluate.col-participants": ("Số học viên", "participants"),
    "evaluate.col-completed": ("Đã hoàn thành", "completed"),
    "evaluate.col-compared": ("Có đánh giá trước và sau", "compared"),
    "evaluate.col-mean_before": ("Cấp độ trung bình trước", "mean before"),
    "evaluate.col-mean_after": ("Cấp độ trung bình sau", "mean after"),
    "evaluate.col-mean_change": ("Thay đổi", "change"),
    "evaluate.col-improved": ("Số người tăng", "improved"),
    "evaluate.col-unchanged": ("Số người giữ nguyên", "unchanged"),
    "evaluate.col-declined": ("Số người giảm", "declined"),
    "evaluate.col-class": ("Mã lớp", "class"),
    "evaluate.col-index": ("Chỉ số", "index"),
    "evaluate.col-band": ("Xếp loại", "band"),
    "evaluate.bands": ("thang xếp loại", "bands"),
    "evaluate.participations": ("{file}: ghi danh học: {counts}",
                                "{file}: participations {counts}"),
    "evaluate.assessments": ("{file}: đánh giá năng lực: {counts}", "{file}: assessments {counts}"),
    # --- standards ---
    "standards.col-id": ("Mã", "id"),
    "standards.col-title": ("Tên", "title"),
    "standards.col-subjects": ("Đối tượng", "subjects"),
    "standards.col-tested": ("Thời điểm xét", "tested at"),
    "standards.col-instrument": ("Văn bản", "instrument"),
    "standards.col-period": ("Thời kỳ", "period"),
    "standards.col-confidence": ("Độ tin cậy", "confidence"),
    "standards.in-force": ("hiệu lực ngày {on}", "in force on {on}"),
    "standards.all": ("mọi tiêu chuẩn", "all standards"),
    "standards.head": ("đối tượng: {subject}; thời kỳ: {period}; độ tin cậy: {confidence}",
                       "subject: {subject}; period: {period}; confidence: {confidence}"),
    "standards.supersedes": ("thay thế: {ids}", "supersedes: {ids}"),
    "standards.basis": ("căn cứ: {cite}", "legal basis: {cite}"),
    "standards.requirements": ("yêu cầu:", "requirements:"),
    "standards.transitional": ("chuyển tiếp [{id}]: {rules} hạn {due} ({cites})",
                               "transitional [{id}]: {rules} due {due} ({cites})"),
    "standards.not-in-force": ("ghi chú: {id} không có hiệu lực ngày {on}",
                               "note: {id} is not in force on {on}"),
    "standards.tested-at": ("ghi chú: {id} được xét {event}; câu truy vấn đọc mọi dòng tại ngày "
                            "{on}, nên hãy đưa vào dữ liệu của từng người tại thời điểm đó "
                            "(check --engine reference xét từng người tại ngày của sự kiện)",
                            "note: {id} is tested {event}; the query reads every row as of {on}, "
                            "so give it the facts of each person at that event (check --engine "
                            "reference tests each at the event's date)"),
    "standards.checked": ("{file}: {n} tiêu chuẩn hợp lệ: {ids}",
                          "{file}: {n} standard(s) valid: {ids}"),
    # --- frameworks ---
    "frameworks.col-id": ("mã", "id"),
    "frameworks.col-title": ("tên", "title"),
    "frameworks.col-groups": ("nhóm", "groups"),
    "frameworks.col-competencies": ("năng lực", "competencies"),
    "frameworks.col-confidence": ("độ tin cậy", "confidence"),
    "frameworks.col-position": ("chức danh", "position"),
    "frameworks.col-type": ("loại", "type"),
    "frameworks.col-standards": ("tiêu chuẩn", "standards"),
    "frameworks.frameworks": ("khung năng lực", "frameworks"),
    "frameworks.profiles": ("hồ sơ năng lực vị trí", "position profiles"),
    "frameworks.head": ("đơn vị ban hành: {creator}; phiên bản: {version}; thời kỳ: {period}; "
                        "độ tin cậy: {confidence}",
                        "creator: {creator}; version: {version}; period: {period}; "
                        "confidence: {confidence}"),
    "frameworks.basis": ("căn cứ: {cite}", "legal basis: {cite}"),
    "frameworks.position": ("chức danh: {title}; cấp: {level}; ngạch: {rank}; loại: {type}",
                            "position: {title}; level: {level}; rank: {rank}; type: {type}"),
    "frameworks.job-position": ("; vị trí việc làm: {code}", "; job position: {code}"),
    "frameworks.tasks": ("nhiệm vụ: {tasks}", "tasks: {tasks}"),
    "frameworks.standards": ("tiêu chuẩn: {ids}", "standards: {ids}"),
    "frameworks.framework": ("khung năng lực: {id}", "framework: {id}"),
}
"""Key → (Vietnamese, English); one block per command, keys of a command prefixed with its name."""


def message(key: str, lang: str = "vi", **fields: object) -> str:
    """The message ``key`` in ``lang`` (``vi`` or ``en``), its fields filled."""
    vi, en = MESSAGES[key]
    return (vi if lang == "vi" else en).format(**fields)


def state_label(state: str, lang: str = "vi") -> str:
    """A summary state (``unmet (due 2024-12-25)``, ``met``) in words of ``lang``."""
    code, _, rest = state.partition(" (due ")
    label = Outcome(code).label(lang)
    return f"{label} ({message('due', lang)} {rest.rstrip(')')})" if rest else label


# -- International-facing posts (gaps --international, targets --international) -------------------
_INTERNATIONAL_POSTS: dict[str, tuple[str, str]] = {
    "intl-title": ("Vị trí có nhiệm vụ quốc tế theo {by} ngày {on}",
                   "International-facing posts by {by} as of {on}"),
    "intl-title-targets": ("Vị trí có nhiệm vụ quốc tế trong đối tượng của chỉ tiêu ngày {on}",
                           "International-facing posts in the indicators' populations as of {on}"),
    "intl-by-unit": ("đơn vị", "unit"),
    "intl-by-position": ("chức danh", "position"),
    "intl-by-level": ("cấp hành chính", "level"),
    "intl-all": ("tất cả", "all"),
    "intl-col-key": ("mã", "key"),
    "intl-col-name": ("tên", "name"),
    "intl-col-indicator": ("chỉ tiêu", "indicator"),
    "intl-col-posts": ("số vị trí", "posts"),
    "intl-col-holders": ("người giữ", "holders"),
    "intl-col-capable": ("đủ năng lực", "capable"),
    "intl-col-lacking": ("thiếu năng lực", "lacking"),
    "intl-col-unknown": ("chưa rõ", "unknown"),
    "intl-col-gap": ("còn thiếu (người)", "gap (people)"),
    "intl-col-missing": ("thiếu {part}", "missing {part}"),
    "intl-col-who": ("mã hồ sơ thiếu năng lực", "officials lacking"),
    "intl-parts": ("Năng lực yêu cầu ({confidence}; {citation}):",
                   "Capability required ({confidence}; {citation}):"),
    "intl-part": ("  ({n}) {id}: {label}", "  ({n}) {id}: {label}"),
    "intl-legend": ("chưa rõ: thiếu dữ liệu (ví dụ chưa đánh giá năng lực), không tính là thiếu.",
                    "unknown: data missing (e.g. a competency not assessed), not counted as lacking."),
    "intl-summary": ("vị trí có nhiệm vụ quốc tế: {posts}; người giữ: {holders}; thiếu năng lực: "
                     "{lacking}; chưa rõ: {unknown}",
                     "international-facing posts: {posts}; holders: {holders}; lacking the "
                     "capability: {lacking}; unknown: {unknown}"),
    "intl-who": ("{set} › {indicator}, thiếu năng lực: {who}",
                 "{set} › {indicator}, lacking the capability: {who}"),
    "intl-no-indicator": ("không có chỉ tiêu nào dùng tiêu chí {predicate} trong các bộ đã chọn",
                          "no indicator of the chosen sets uses the predicate {predicate}"),
}
MESSAGES.update(_INTERNATIONAL_POSTS)


# -- record errors (validate and every reader): the readers' English sentences in Vietnamese ---
_JSON_TYPES = {"'integer'": "số nguyên", "'number'": "số", "'string'": "chuỗi ký tự",
               "'boolean'": "đúng/sai", "'null'": "để trống", "'array'": "danh sách",
               "'object'": "đối tượng"}
_FORMATS = {"'date'": "ngày", "'date-time'": "ngày giờ", "'email'": "địa chỉ thư điện tử",
            "'uri'": "địa chỉ web"}
_RECORD_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"^{pattern}$", re.S), vi) for pattern, vi in (
        (r"column (?P<label>'[^']*') \((?P<field>\w+)\): (?P<rest>.+)",
         "cột {label} ({field}): {rest}"),
        (r"(?P<what>.+) is required \(missing\)", "thiếu trường bắt buộc {what}"),
        (r"unknown field \((?P<what>.+) (?:was|were) unexpected\)",
         "trường không có trong lược đồ: {what}"),
        (r"(?P<value>.+) does not match (?P<pattern>.+)", "{value} không đúng mẫu {pattern}"),
        (r"(?P<value>.+) is less than the minimum of (?P<limit>.+)",
         "{value} nhỏ hơn mức tối thiểu {limit}"),
        (r"(?P<value>.+) is greater than the maximum of (?P<limit>.+)",
         "{value} lớn hơn mức tối đa {limit}"),
        (r"(?P<value>.+) is not of type (?P<types>.+)", "{value} sai kiểu, cần: {types}"),
        (r"(?P<value>.+) is not a (?P<format>'[\w-]+')", "{value} không phải {format} hợp lệ"),
        (r"(?P<value>.+) is not a valid date \((?P<why>.+)\)", "{value} không phải ngày hợp lệ{why}"),
        (r"(?P<value>.+) is not one of (?P<values>\[.+\])", "{value} không thuộc các giá trị {values}"),
        (r"(?P<value>.+) is too long", "{value} dài quá mức cho phép"),
        (r"(?P<value>.+) is too short", "{value} ngắn hơn mức tối thiểu"),
        (r"(?P<value>.+) should be non-empty", "{value} không được để rỗng"),
        (r"(?P<value>.+) has non-unique elements", "{value} có phần tử trùng nhau"),
        (r"matches none of the allowed shapes \(keys present: (?P<keys>.+)\)",
         "không khớp dạng nào được phép (các khóa có: {keys})"),
        (r"duplicate id (?P<id>.+), first at (?P<place>\S+); only the first record with an id "
         r"is used", "mã hồ sơ {id} trùng, đã có ở {place}; chỉ hồ sơ đầu tiên được dùng"),
        (r"(?P<value>.+) is later than (?P<latest>\S+), the latest date a record may hold "
         r"\(LATEST_DATE\); leave an unknown date out",
         "{value} sau {latest}, ngày muộn nhất một hồ sơ được ghi (LATEST_DATE); ngày chưa biết "
         "thì để trống"),
        (r"invalid JSON: .+ \(column (?P<column>\d+)\)",
         "không phải JSON hợp lệ: lỗi cú pháp ở cột {column}"),
        (r"invalid JSON: .+", "không phải JSON hợp lệ: lỗi cú pháp"),
        (r"unknown value (?P<value>'[^']*')(?P<hint>.*); expected one of: (?P<values>.+)",
         "giá trị {value} không có trong danh mục{hint}; chọn một trong: {values}"),
    ))
"""English sentence of a record error → its Vietnamese form, the values kept as they are."""


_DATE_REASONS = {"day is out of range for month": "tháng không có ngày đó",
                 "month must be in 1..12": "tháng phải từ 1 đến 12"}
"""Python's reasons for a date it cannot build, in Vietnamese; another reason is left out."""


def _vi_terms(text: str) -> str:
    for english, vietnamese in (*_JSON_TYPES.items(), *_FORMATS.items()):
        text = text.replace(english, vietnamese)
    return text


def _error_vi(text: str) -> str:
    for pattern, vi in _RECORD_ERRORS:
        match = pattern.match(text)
        if match:
            fields = {k: _error_vi(v) if k == "rest" else v for k, v in match.groupdict().items()}
            fields = {k: _vi_terms(v) if k in ("types", "format") else v
                      for k, v in fields.items()}
            if "values" in fields:   # a schema enum that allows an empty value lists None
                fields["values"] = re.sub(r"\bNone\b", "(để trống)", fields["values"])
            if "why" in fields:
                reason = _DATE_REASONS.get(fields["why"])
                fields["why"] = f" ({reason})" if reason else ""
            return vi.format(**fields)
    return text


def record_error(error: object, lang: str = "vi") -> str:
    """One error of an invalid record (``/pointer: sentence``) in ``lang``: in Vietnamese the
    pointer and the values stay, the sentence is put in Vietnamese when it is one the readers
    and the schema write (anything else is left as written)."""
    text = str(error)
    if lang != "vi":
        return text
    pointer, sep, sentence = text.partition(": ")
    if sep and pointer.startswith("/"):
        return f"{pointer}: {_error_vi(sentence)}"
    return _error_vi(text)
