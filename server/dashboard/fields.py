"""Names and values of a record's stored fields, as people read them: the payload keys
(English, in data) get Chinese names, and codes of the domain's closed sets their labels.
A key or code not listed here is shown as it is."""

from __future__ import annotations

from domain.checklist import ItemKind, Outcome
from domain.choices import Choice
from domain.complaint import Channel, ComplaintCategory, ComplaintStatus, Severity
from domain.handover import HandoverShift
from domain.owner import Occupancy
from domain.patrol import PresenceMethod
from domain.repair_check import RepairResult
from domain.return_visit import FollowUp, Satisfaction, VisitMethod
from domain.text import Text
from domain.work_order import RepairCategory
from server.dashboard.summaries import local_time

_NAMES = {
    "estate_id": ("项目", "Estate"),
    "route_id": ("路线", "Route"),
    "staff_id": ("员工", "Staff"),
    "started_at": ("开始时间", "Started at"),
    "ended_at": ("结束时间", "Ended at"),
    "checkpoints": ("巡查点", "Checkpoints"),
    "checkpoint_id": ("巡查点", "Checkpoint"),
    "arrived_at": ("到达时间", "Arrived at"),
    "presence": ("到场证明", "Proof of presence"),
    "method": ("方式", "Method"),
    "code": ("编码", "Code"),
    "gps": ("定位", "GPS"),
    "lat": ("纬度", "Latitude"),
    "lon": ("经度", "Longitude"),
    "accuracy_m": ("精度（米）", "Accuracy (m)"),
    "results": ("检查结果", "Checklist results"),
    "item_id": ("检查项", "Item"),
    "label": ("名称", "Label"),
    "kind": ("类型", "Kind"),
    "outcome": ("结果", "Outcome"),
    "value": ("读数", "Reading"),
    "unit": ("单位", "Unit"),
    "abnormal": ("异常", "Abnormal"),
    "note": ("备注", "Note"),
    "photos": ("照片", "Photos"),
    "skipped": ("跳过", "Skipped"),
    "skip_reason": ("跳过原因", "Reason skipped"),
    "owner_id": ("业主", "Owner"),
    "room_id": ("房号", "Room"),
    "visited_at": ("回访时间", "Visited at"),
    "satisfaction": ("满意度", "Satisfaction"),
    "task_id": ("回访任务", "Visit task"),
    "feedback": ("业主反馈", "Owner's feedback"),
    "needs": ("业主需求", "Owner's needs"),
    "description": ("描述", "Description"),
    "follow_up": ("后续处理", "Follow-up"),
    "work_order_id": ("工单", "Work order"),
    "work_order_version": ("工单版本", "Work order version"),
    "technician_id": ("维修工", "Technician"),
    "category": ("类别", "Category"),
    "diagnosis": ("诊断", "Diagnosis"),
    "result": ("结果", "Result"),
    "finished_at": ("完成时间", "Finished at"),
    "place": ("位置", "Place"),
    "photos_before": ("维修前照片", "Photos before"),
    "photos_after": ("维修后照片", "Photos after"),
    "materials": ("材料", "Materials"),
    "name": ("名称", "Name"),
    "quantity": ("数量", "Quantity"),
    "owner_confirmation": ("业主确认", "Owner's confirmation"),
    "confirmed_at": ("确认时间", "Confirmed at"),
    "signature": ("签名", "Signature"),
    "rating": ("评分", "Rating"),
    "channel": ("受理方式", "Channel"),
    "received_by": ("受理人", "Received by"),
    "received_at": ("受理时间", "Received at"),
    "complainant": ("投诉人", "Complainant"),
    "phone": ("电话", "Phone"),
    "area": ("区域", "Area"),
    "building": ("栋", "Building"),
    "room": ("房号", "Room"),
    "matter": ("投诉事由", "Matter"),
    "demand": ("诉求", "What the owner wants"),
    "status": ("状态", "Status"),
    "severity": ("级别", "Severity"),
    "handling": ("处理", "Handling"),
    "department": ("部门", "Department"),
    "promised_at": ("承诺时间", "Promised for"),
    "escalation": ("移交公司领导", "Escalation"),
    "handed_to": ("移交给", "Handed to"),
    "reason_told_to_owner": ("告知业主的原因", "Reason told to the owner"),
    "agreed_reply_at": ("约定回复时间", "Reply agreed for"),
    "escalated_at": ("移交时间", "Escalated at"),
    "progress": ("跟进", "Progress"),
    "closure": ("办结", "Closure"),
    "closed_at": ("办结时间", "Closed at"),
    "owner_feedback": ("业主反馈", "Owner's feedback"),
    "summary": ("总结", "Summary"),
    "summarised_at": ("总结时间", "Summarised at"),
    "text": ("内容", "Text"),
    "at": ("时间", "At"),
    "occupancy": ("入住情况", "Occupancy"),
    "family_members": ("家庭成员", "Family members"),
    "decorations": ("装修记录", "Decoration records"),
    "occupation": ("职业", "Occupation"),
    "phones": ("电话", "Phones"),
    "room_ids": ("房号", "Rooms"),
    "id": ("编号", "Id"),
    "to_staff_id": ("接班人", "Taken over by"),
    "shift": ("班次", "Shift"),
    "handed_over_at": ("交班时间", "Handed over at"),
    "events": ("本班情况", "What happened"),
    "open_matters": ("遗留事项", "Open matters"),
    "equipment": ("交接物品", "Keys and equipment"),
}
NAMES: dict[str, Text] = {key: Text(zh, en) for key, (zh, en) in _NAMES.items()}

# The closed sets a field's codes may come from, tried in order.
CHOICES_BY_FIELD: dict[str, tuple[type[Choice], ...]] = {
    "status": (ComplaintStatus,),
    "severity": (Severity,),
    "category": (ComplaintCategory, RepairCategory),
    "satisfaction": (Satisfaction,),
    "method": (VisitMethod, PresenceMethod),
    "result": (RepairResult,),
    "channel": (Channel,),
    "outcome": (Outcome,),
    "kind": (ItemKind,),
    "follow_up": (FollowUp,),
    "occupancy": (Occupancy,),
    "shift": (HandoverShift,),
}


def field_name(key: object, language: str) -> str:
    name = NAMES.get(str(key))
    return name.in_language(language) if name else str(key)


def field_value(key: object, value: object, language: str) -> object:
    """The label of a code in ``key``'s closed set, a time (``*_at``) in China Standard
    Time; any other value unchanged."""
    if not isinstance(value, str):
        return value
    if str(key).endswith("_at"):
        return local_time(value)
    for choice in CHOICES_BY_FIELD.get(str(key), ()):
        try:
            # a lookup by value (EnumMeta.__call__), not Choice's three-argument __new__
            return choice(value).label.in_language(language)  # type: ignore[call-arg]
        except ValueError:
            continue
    return value
