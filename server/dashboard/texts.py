"""Every word the dashboard shows, Chinese first, with English; and the language a
request is in (the ``dashboard_lang`` cookie; Chinese unless it says ``en``)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from domain.choices import Choice
from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK, RETURN_VISIT, SHIFT_HANDOVER
from domain.text import Text

LANGUAGE_COOKIE = "dashboard_lang"
LANGUAGES = ("zh", "en")

TEXTS: dict[str, Text] = {
    "app_title": Text("物业现场工作 · 管理后台", "Estate field work · Dashboard"),
    "language_other": Text("English", "中文"),
    # sign-in
    "sign_in": Text("登录", "Sign in"),
    "sign_out": Text("退出登录", "Sign out"),
    "username": Text("用户名", "Username"),
    "password": Text("密码", "Password"),
    "sign_in_intro": Text(
        "主管和管理员使用服务器账号登录。",
        "Supervisors and admins sign in with their server account.",
    ),
    "signed_in_as": Text("当前账号：{name}（{role}）", "Signed in as {name} ({role})"),
    "invalid_credentials": Text("用户名或密码错误。", "Wrong username or password."),
    "login_throttled": Text(
        "登录失败次数过多，请 {minutes} 分钟后再试。",
        "Too many failed sign-ins; try again in {minutes} minutes.",
    ),
    "role_refused": Text(
        "{role}账号不能登录管理后台，只有主管和管理员可以登录。请在平板上使用现场工作应用。",
        "A {role} account cannot sign in to the dashboard; only supervisors and admins can. "
        "Use the field app on the tablet.",
    ),
    "fields_required": Text("请填写用户名和密码。", "Enter your username and password."),
    "session_ended": Text(
        "登录已结束或超时，请重新登录。", "Your session has ended or timed out; sign in again."
    ),
    # navigation
    "nav_timeline": Text("全部记录", "All records"),
    "nav_board": Text("投诉看板", "Complaints board"),
    "nav_coverage": Text("巡查覆盖", "Patrol coverage"),
    "coverage_intro": Text(
        "每次巡查与其路线对照：已到、漏检（含跳过原因）和顺序颠倒的巡查点。"
        "夜查算作开始当晚（06:00 至次日 06:00）。",
        "Each round against its route: checkpoints visited, missed (with the reason given) "
        "and out of order. A night check counts for the evening it began (06:00 to 06:00).",
    ),
    "month": Text("月份", "Month"),
    "coverage_by_staff": Text("按员工（本月）", "By staff member (this month)"),
    "coverage_by_round": Text("按巡查（逐晚）", "By round (night by night)"),
    "rounds": Text("巡查次数", "Rounds"),
    "shift_days": Text("值班天数", "Shift days"),
    "shift_day": Text("班次日期", "Shift day"),
    "route": Text("路线", "Route"),
    "round_time": Text("开始 / 结束", "Start / end"),
    "visited": Text("已到", "Visited"),
    "missed": Text("漏检", "Missed"),
    "out_of_order": Text("顺序颠倒", "Out of order"),
    "coverage_rate": Text("覆盖率", "Coverage"),
    "no_rounds": Text("本月没有巡查记录。", "No rounds this month."),
    # roles
    "role_patrol": Text("秩序维护员（巡逻岗）", "patrol"),
    "role_service": Text("客服专员", "service"),
    "role_technician": Text("维修工", "technician"),
    "role_supervisor": Text("主管", "supervisor"),
    "role_admin": Text("管理员", "admin"),
    # record kinds
    f"kind_{PATROL_ROUND}": Text("巡查记录", "Patrol rounds"),
    f"kind_{RETURN_VISIT}": Text("业主回访", "Return visits"),
    f"kind_{REPAIR_CHECK}": Text("维修记录", "Repair checks"),
    f"kind_{COMPLAINT}": Text("投诉", "Complaints"),
    f"kind_{SHIFT_HANDOVER}": Text("交接班记录", "Shift handovers"),
    # one record of a kind
    f"one_{PATROL_ROUND}": Text("巡查记录", "Patrol round"),
    f"one_{RETURN_VISIT}": Text("业主回访", "Return visit"),
    f"one_{REPAIR_CHECK}": Text("维修记录", "Repair check"),
    f"one_{COMPLAINT}": Text("投诉", "Complaint"),
    f"one_{SHIFT_HANDOVER}": Text("交接班记录", "Shift handover"),
    # filters
    "filters": Text("筛选", "Filters"),
    "estate": Text("项目", "Estate"),
    "kind": Text("类型", "Kind"),
    "staff": Text("员工", "Staff"),
    "date_from": Text("同步日期从", "Synced from"),
    "date_to": Text("至", "to"),
    "status": Text("审核状态", "Review status"),
    "abnormal_only": Text("仅异常", "Abnormal only"),
    "overdue_only": Text("仅超时", "Overdue only"),
    "search": Text("搜索", "Search"),
    "search_placeholder": Text("内容、编号、员工…", "Text, id, staff…"),
    "apply": Text("筛选", "Apply"),
    "reset": Text("清除", "Reset"),
    "all": Text("全部", "All"),
    "export_csv": Text("导出 CSV", "Export CSV"),
    "export_xlsx": Text("导出 Excel", "Export XLSX"),
    "bad_filter": Text("筛选条件有误：{field}", "A filter is not valid: {field}"),
    # review status
    "review_pending": Text("待审核", "To review"),
    "review_approved": Text("已通过", "Approved"),
    "review_sent_back": Text("已退回", "Sent back"),
    # list columns
    "col_time": Text("记录时间", "Recorded at"),
    "col_received": Text("同步时间", "Synced at"),
    "col_summary": Text("内容", "Summary"),
    "col_flags": Text("标记", "Flags"),
    "col_photos": Text("照片", "Photos"),
    "col_revision": Text("版本", "Rev."),
    "abnormal": Text("异常", "Abnormal"),
    "overdue": Text("超时", "Overdue"),
    "on_time": Text("未超时", "On time"),
    "major": Text("重大", "Major"),
    "rows_shown": Text("第 {first}–{last} 条，共 {total} 条", "{first}–{last} of {total}"),
    "rows_shown_more": Text(
        "第 {first}–{last} 条，共 {total} 条以上（请用筛选缩小范围）",
        "{first}–{last} of more than {total} (narrow it with a filter)",
    ),
    "no_rows": Text("没有符合条件的记录。", "No records match."),
    "previous": Text("上一页", "Previous"),
    "next": Text("下一页", "Next"),
    "page_of": Text("第 {number} / {count} 页", "Page {number} of {count}"),
    # record detail
    "record": Text("记录", "Record"),
    "record_id": Text("记录编号", "Record id"),
    "recorded_by": Text("提交人", "Submitted by"),
    "device": Text("设备", "Device"),
    "device_time": Text("设备时间", "Device time"),
    "server_time": Text("服务器时间", "Server time"),
    "created": Text("创建", "Created"),
    "updated": Text("最后修改", "Last changed"),
    "fields": Text("全部字段", "Every field"),
    "photos": Text("照片", "Photos"),
    "no_photos": Text("没有照片。", "No photos."),
    "photo_missing": Text("照片尚未上传", "Not uploaded yet"),
    "photo_marks": Text("现场在照片上画的标注", "Marks drawn on the photo on site"),
    "gps": Text("定位", "GPS fix"),
    "accuracy": Text("精度", "accuracy"),
    "no_gps": Text("没有定位信息。", "No GPS fix."),
    "revisions": Text("版本记录", "Revisions"),
    "audit_trail": Text("审核与操作记录", "Audit trail"),
    "no_audit": Text("尚无审核操作。", "No review actions yet."),
    "approve": Text("审核通过", "Approve"),
    "send_back": Text("退回修改", "Send back"),
    "comment": Text("退回意见", "Comment"),
    "comment_placeholder": Text("写明需要补充或修改的内容", "Say what needs adding or correcting"),
    "comment_required": Text("退回时必须填写意见。", "A send-back needs a comment."),
    "comment_too_long": Text(
        "意见过长（最多 2000 字）。", "The comment is too long (2000 at most)."
    ),
    "review_done_approved": Text("已审核通过。", "Approved."),
    "review_done_sent_back": Text("已退回，意见已保存。", "Sent back; the comment is saved."),
    "send_back_note": Text(
        "员工平板下次同步时会收到这项修改任务。",
        "The staff member's tablet receives it as a task on its next sync.",
    ),
    "send_backs": Text("退回与修改", "Send-backs"),
    "sent_to": Text("退回给", "Sent to"),
    "send_back_open": Text("待员工修改", "Waiting for the correction"),
    "send_back_answered": Text("已由第 {revision} 版修改", "Corrected by revision {revision}"),
    "answers_send_back": Text("修改退回（{at}）", "answers the send-back of {at}"),
    "action": Text("操作", "Action"),
    "action_record_approved": Text("审核通过", "Approved"),
    "action_record_sent_back": Text("退回修改", "Sent back"),
    "owner_archive": Text("业主档案", "Owner archive"),
    "view_owner_archive": Text(
        "查看业主档案（将记入审计日志）", "Open the owner archive (audited)"
    ),
    "owner_archive_audited": Text(
        "业主档案严格保密，本次查看已记入审计日志。",
        "The owner archive is confidential; this view is in the audit log.",
    ),
    "rooms": Text("房号", "Rooms"),
    "back_to_list": Text("返回列表", "Back to the list"),
    # complaints board
    "board_intro": Text(
        "未办结的投诉，超时和重大投诉排在最前，其余按回复期限排序。",
        "Open complaints: overdue and major ones first, then by reply deadline.",
    ),
    "deadline": Text("回复期限", "Reply deadline"),
    "chart_by_status": Text("未办结投诉（按处理状态）", "Open complaints by status"),
    "late_by": Text("已超时 {hours} 小时", "{hours} h overdue"),
    "due_in": Text("剩余 {hours} 小时", "due in {hours} h"),
    "complainant": Text("投诉人", "Complainant"),
    "matter": Text("投诉事由", "Matter"),
    "severity": Text("级别", "Severity"),
    "category": Text("类别", "Category"),
    "complaint_status": Text("处理状态", "Status"),
    "place": Text("位置", "Place"),
    "no_open_complaints": Text("没有未办结的投诉。", "No open complaints."),
    "open_count": Text(
        "未办结 {open} 件，其中超时 {overdue} 件、重大 {major} 件",
        "{open} open: {overdue} overdue, {major} major",
    ),
    # return-visit figures, devices and the monthly report
    "nav_visits": Text("回访统计", "Return visits"),
    "nav_devices": Text("平板设备", "Devices"),
    "nav_report": Text("月度报告", "Monthly report"),
    "visits_intro": Text(
        "按回访时间统计每月回访量和满意率。满意率 =（非常满意 + 满意）÷ 回访总数；"
        "“一般”不计入满意。",
        "Visits done each month, by the time of the visit, and the satisfaction rate: "
        "(very satisfied + satisfied) ÷ visits done; 'neutral' does not count as satisfied.",
    ),
    "visits_done": Text("回访数", "Visits done"),
    "satisfied": Text("满意次数", "Satisfied visits"),
    "not_satisfied": Text("一般及不满意", "Neutral or dissatisfied"),
    "satisfaction_rate": Text("满意率", "Satisfaction rate"),
    "visits_total": Text(
        "{month}：回访 {visits} 次，满意 {satisfied} 次，满意率 {rate}",
        "{month}: {visits} visits, {satisfied} satisfied, satisfaction rate {rate}",
    ),
    "chart_trend": Text("近 12 个月回访量与满意率", "Visits and satisfaction, last 12 months"),
    "chart_levels": Text("本月满意度分布", "Satisfaction this month"),
    "chart_by_staff": Text("本月各员工回访", "Visits by staff member this month"),
    "by_estate": Text("按项目", "By estate"),
    "by_staff": Text("按员工", "By staff member"),
    "trend": Text("月度趋势", "Monthly trend"),
    "scope": Text("统计口径", "Breakdown"),
    "name": Text("名称", "Name"),
    "total": Text("合计", "Total"),
    "no_visits": Text("本月没有回访记录。", "No return visits this month."),
    "show": Text("查看", "Show"),
    "devices_intro": Text(
        "每台平板每次同步时上报应用版本和尚未上传的记录、照片数量；超过 {hours} 小时未同步的标红。"
        "“—”表示旧版应用未上报。",
        "Each tablet reports its app version and the records and photos still waiting with "
        "every sync; red: no sync for {hours} hours. '—': an older app that does not report.",
    ),
    "devices_count": Text(
        "共 {count} 台平板，上次同步时共有 {waiting} 条记录待上传",
        "{count} tablets; {waiting} records waiting at their last syncs",
    ),
    "account": Text("账号", "Account"),
    "last_sync": Text("上次同步", "Last sync"),
    "app_version": Text("应用版本", "App version"),
    "waiting_records": Text("待传记录", "Records waiting"),
    "waiting_photos": Text("待传照片", "Photos waiting"),
    "device_state": Text("状态", "State"),
    "device_active": Text("在用", "Active"),
    "device_revoked": Text("已停用", "Revoked"),
    "device_expired": Text("登录已过期", "Sign-in expired"),
    "never_synced": Text("从未同步", "Never"),
    "not_reported": Text("未上报", "Not reported"),
    "no_devices": Text("没有平板。", "No tablets."),
    "report_title": Text("{estate} {month} 月度报告", "{estate}: monthly report, {month}"),
    "report_made_at": Text("生成时间：{at}", "Made at {at}"),
    "report_intro": Text(
        "各项按工作发生的时间（中国标准时间）计入当月：巡查按开始时间，投诉按受理时间和办结时间，"
        "回访按回访时间，维修按到场时间。漏查 = 路线上未到达或跳过的巡查点；"
        "“目前未办结”和“已超时”为生成报告时的情况。",
        "Each figure counts work in the month it was done (China Standard Time): rounds by "
        "their start, complaints by receipt and by closure, visits by the visit, repairs by "
        "arrival. Missed = checkpoints of the route not reached or skipped; 'open now' and "
        "'overdue' are as of the time the report was made.",
    ),
    "print": Text("打印", "Print"),
    "download_pdf": Text("下载 PDF", "Download PDF"),
    "rounds_done": Text("巡查次数", "Rounds walked"),
    "checkpoints_visited": Text("到达巡查点", "Checkpoints visited"),
    "checkpoints_missed": Text("漏查巡查点", "Checkpoints missed"),
    "checkpoints_abnormal": Text("异常巡查点", "Checkpoints abnormal"),
    "complaints_received": Text("收到投诉", "Complaints received"),
    "complaints_major": Text("其中重大投诉", "of them major"),
    "complaints_closed": Text("办结投诉", "Complaints closed"),
    "complaints_open_now": Text("目前未办结", "Open now"),
    "complaints_overdue_now": Text("其中已超时", "of them overdue"),
    "repair_checks": Text("维修次数", "Repair checks"),
    "figure": Text("数量", "Figure"),
    # errors
    "error_title": Text("出错了", "Something went wrong"),
    "error_not_found": Text("找不到该页面或记录。", "No such page or record."),
    "error_csrf_failed": Text(
        "表单已失效（缺少或错误的安全令牌），请返回刷新页面后重试。",
        "The form is no longer valid (missing or wrong security token); go back, reload "
        "and try again.",
    ),
    "error_bad_request": Text(
        "请求有误（筛选条件无效）。", "The request is not valid (a filter is wrong)."
    ),
    "error_photo_unreadable": Text(
        "此照片无法生成缩略图（文件不是可读的图片）。",
        "No thumbnail can be made of this photo (the file is not a readable image).",
    ),
}


def request_language(request: Request) -> str:
    return "en" if request.cookies.get(LANGUAGE_COOKIE) == "en" else "zh"


def translator(language: str) -> Callable[..., str]:
    """``t("key", name=value)``: the text in ``language`` with its placeholders filled."""

    def t(key: str, **values: object) -> str:
        text = TEXTS[key].in_language(language)
        return text.format(**values) if values else text

    return t


def choice_label(choice: type[Choice], value: object, language: str) -> str:
    """The label of ``value`` in ``choice``; the value itself when it is not one."""
    try:
        # a lookup by value (EnumMeta.__call__), not Choice's three-argument __new__
        return choice(value).label.in_language(language)  # type: ignore[call-arg, arg-type]
    except ValueError:
        return str(value)
