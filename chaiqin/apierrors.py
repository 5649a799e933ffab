"""The API's answer to a request its schemas cannot read (a malformed date, a word where a number
goes, a missing field): 422 in the API's one error shape, {"detail", "citation"}, with a Chinese
sentence that names each field in Chinese and the form expected, instead of Pydantic's English
list ("Input should be a valid datetime…").

FIELD_NAMES holds the Chinese name of the fields clients send; a field not in it is named by its
own key, which is what the client wrote.
"""

from __future__ import annotations

FIELD_NAMES = {
    "account": "假別帳戶", "agent_end": "代理迄時", "agent_id": "代理人", "agent_periods": "代理期間",
    "agent_phone": "代理人電話", "agent_start": "代理起時", "amount": "金額", "answers": "審核項目",
    "assigner_id": "指派工作之長官", "at": "時間", "attachment_note": "附件說明", "break_minutes": "休息分鐘數",
    "category": "類別", "child_birth_date": "子女出生日期", "code": "代碼", "comment": "意見",
    "compensation": "補償方式", "contact": "聯繫方式", "country": "國家或地區", "date": "日期", "day": "日期",
    "day_kind": "日別", "days": "日期", "decision": "決定", "delivered_on": "分娩日", "destination": "地點",
    "direction": "上班或下班", "done": "執行情形", "due_date": "預產期", "email": "電子郵件", "employee_no": "員工編號",
    "end": "迄時", "end_kind": "結束原因", "ended_on": "結束日", "event_date": "事實發生日", "evidence": "佐證資料",
    "expires": "有效期限", "explanation": "說明", "flexible_days": "彈性排定每週日數", "flexible_reason": "彈性排定理由",
    "gender": "性別", "gestation_weeks": "懷孕週數", "head_id": "單位主管", "hire_date": "到職日期", "hours": "時數",
    "item": "工作項目", "items": "項目", "kind": "種類", "leave_code": "假別", "leave_lines": "假別明細",
    "minutes": "分鐘數", "mode": "方式", "month": "月", "monthly_wage": "月薪", "moved_from": "原排定日期",
    "name": "名稱", "nature": "性質", "note": "說明", "on": "日期", "order": "順序", "overtime_minutes": "加班分鐘數",
    "own_device": "使用自有設備", "paper_sign": "紙本簽到退", "password": "密碼", "person_id": "人員", "place": "地點",
    "places": "地點", "post": "職務類型", "progress": "工作進度說明", "project_start": "專案起日", "purpose": "目的",
    "reason": "事由", "regime": "人員類別", "relation": "事由", "remove_attachment_ids": "刪除的附件",
    "review_comment": "審核意見", "reviewer_id": "審核人", "role": "角色", "salary": "薪額", "school_year": "學年度",
    "scope": "權限範圍", "service_account": "服務帳號", "sign_mode": "簽到退方式", "situation": "情形",
    "sort_order": "排序", "start": "起時", "status": "狀態", "supervisor_id": "直屬主管", "title": "標題或職稱",
    "to": "迄日", "unit_head_id": "單位主管", "unit_id": "單位", "username": "帳號", "valid_from": "生效日",
    "valid_to": "失效日", "week_start": "週一日期", "work_done": "指派工作內容", "work_end": "工作迄時",
    "work_items": "工作項目", "work_start": "工作起時", "workplace": "居家辦公地點", "year": "年",
    "file": "檔案", "dry_run": "僅檢查", "q": "查詢字串", "page": "頁次",
}

# Pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) → the form expected.
EXPECTED = {
    "date": "日期，格式為 YYYY-MM-DD（如 2026-03-10）",
    "datetime": "日期時間，格式為 YYYY-MM-DDTHH:MM（如 2026-03-10T08:00）",
    "time": "時間，格式為 HH:MM（如 08:00）",
    "int": "整數（如 3）",
    "float": "數字（如 2.5）",
    "decimal": "數字（如 2.5）",
    "bool": "true 或 false",
    "string": "文字",
    "list": "清單（JSON 陣列）",
    "dict": "物件（JSON 物件）",
    "model": "物件（JSON 物件）",
}


def field_label(key: str) -> str:
    """「起時」（start） for a known field, else the client's own key 「start」."""
    return f"「{FIELD_NAMES[key]}」（{key}）" if key in FIELD_NAMES else f"「{key}」"


def _field_label(loc: tuple) -> str:
    """「起時」（start）, with the item number of a list: 「項目」第2項的「工作進度說明」（progress）."""
    parts = [p for p in loc if p not in ("body", "query", "path", "form", "file", "header", "cookie", "payload")]
    names = [p for p in parts if isinstance(p, str)]
    if not names:
        return "請求內容"
    key = names[-1]
    label = field_label(key)
    index = next((p for p in reversed(parts) if isinstance(p, int)), None)
    if index is not None and len(names) > 1:
        owner = names[-2]
        label = f"「{FIELD_NAMES.get(owner, owner)}」第{index + 1}項的{label}"
    return label


def _expected(kind: str) -> str | None:
    for prefix, form in EXPECTED.items():
        if kind == prefix or kind.startswith(prefix + "_"):
            return form
    return None


def describe(error: dict) -> str:
    """One Chinese sentence for one Pydantic error dict (keys type, loc, msg, ctx)."""
    kind = str(error.get("type", ""))
    label = _field_label(tuple(error.get("loc", ())))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"{label}為必填。"
    if kind == "json_invalid":
        return "請求內容不是有效的 JSON。"
    if kind in ("literal_error", "enum"):
        return f"{label}不是可用的值，應為：{ctx.get('expected', '')}。"
    if kind == "extra_forbidden":
        return f"{label}不是此操作的欄位。"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": "大於", "greater_than_equal": "大於或等於", "less_than": "小於",
                "less_than_equal": "小於或等於"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"{label}應{sign} {bound}。"
    if kind in ("string_too_long", "too_long"):
        return f"{label}太長，至多 {ctx.get('max_length', '')} 字。"
    if kind in ("string_too_short", "too_short"):
        return f"{label}太短，至少 {ctx.get('min_length', '')} 字。"
    expected = _expected(kind)
    if expected is not None:
        return f"{label}格式不正確，應為{expected}。"
    return f"{label}的內容無法辨識。"


def validation_detail(errors: list[dict]) -> str:
    """All the errors of one request, in order, one sentence each."""
    return "".join(describe(e) for e in errors) or "請求內容無法辨識。"
