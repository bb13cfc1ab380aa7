"""The words the commands print, in Vietnamese and English, in one place.

A message is looked up by key and language and filled with ``str.format`` fields, so that a
command written for ``--lang vi`` prints no English word but codes and ids.
"""

from __future__ import annotations

from competency.rules.outcome import Outcome

__all__ = ["MESSAGES", "message", "state_label"]

MESSAGES: dict[str, tuple[str, str]] = {
    "records": ("hồ sơ: đọc {read}, hợp lệ {valid}, không hợp lệ {invalid}",
                "records: read {read}, valid {valid}, invalid {invalid}"),
    "results": ("kết quả: {results}; số người không có tiêu chuẩn áp dụng: {without}",
                "results: {results}; officials without an applicable standard: {without}"),
    "none": ("không có", "none"),
    "failing-rules": ("yêu cầu chưa đạt:", "failing rules:"),
    "col-official": ("mã hồ sơ", "official"),
    "col-post": ("chức danh", "post"),
    "col-instrument": ("văn bản", "instrument"),
    "col-outcome": ("kết quả", "outcome"),
    "col-due": ("thời hạn", "due"),
    "col-why": ("lý do", "why"),
    "n-results": ("{n} kết quả", "{n} results"),
    "due": ("hạn", "due"),
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
}
"""Key → (Vietnamese, English)."""


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
