"""The server's one error type and the bilingual message of every error code.

Every 4xx/5xx answer has the body
``{"error": {"code", "message": {"zh", "en"}, "fields": [...]}}``; the codes
are stable (clients branch on them), the messages are for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.text import Text
from sync import protocol

MESSAGES: dict[str, Text] = {
    # request shape
    "malformed_json": Text("请求内容不是有效的 JSON", "The request body is not valid JSON"),
    "invalid_encoding": Text(
        "请求内容不是有效的 UTF-8 编码", "The request body is not valid UTF-8"
    ),
    "invalid_request": Text("请求内容有误", "The request is not valid"),
    "body_too_large": Text("请求内容过大", "The request body is too large"),
    "body_timeout": Text(
        "请求内容长时间没有送达，已放弃，请重试",
        "The request body stopped arriving and was given up; try again",
    ),
    "batch_too_large": Text("一次上传的记录过多", "Too many records in one batch"),
    "not_found": Text("找不到该资源", "Not found"),
    "method_not_allowed": Text("不支持该请求方法", "Method not allowed"),
    "internal_error": Text("服务器内部错误，请稍后再试", "Internal server error; try again later"),
    "database_unavailable": Text(
        "服务器的数据库暂时无法使用，请稍后再试",
        "The server's database is not answering; try again later",
    ),
    # protocol
    "protocol_outdated": Text("请更新应用", "Please update the app"),
    "server_outdated": Text(
        "服务器版本过旧，请联系管理员", "The server is older than the app; contact your admin"
    ),
    # auth
    "auth_required": Text("请先登录", "Sign in first"),
    "token_invalid": Text("登录已失效，请重新登录", "The sign-in is not valid; sign in again"),
    "token_expired": Text("登录已过期，请重新登录", "The sign-in has expired; sign in again"),
    "token_revoked": Text(
        "此设备已被管理员停用，请重新登录", "This device was revoked by an admin; sign in again"
    ),
    "invalid_credentials": Text("用户名或密码错误", "Wrong username or password"),
    "login_throttled": Text(
        "登录失败次数过多，请稍后再试", "Too many failed sign-ins; try again later"
    ),
    "forbidden": Text("无权执行此操作", "You may not do this"),
    "device_not_found": Text("找不到该设备", "No such device"),
    # photos
    "invalid_sha256": Text("照片编号无效", "The photo hash is not a SHA-256 hex digest"),
    "invalid_photo_size": Text("照片大小无效", "The declared photo size is missing or invalid"),
    "photo_too_large": Text("照片过大", "The photo is too large"),
    "photo_not_referenced": Text(
        "没有记录引用此照片", "No record you can see refers to this photo"
    ),
    "offset_mismatch": Text("照片上传位置不一致", "The chunk does not start where the upload is"),
    "photo_size_mismatch": Text(
        "照片大小与之前声明的不一致", "The photo size differs from the one declared before"
    ),
    "chunk_exceeds_size": Text("照片数据超过声明的大小", "The chunk goes past the declared size"),
    "empty_chunk": Text("照片数据为空", "The chunk is empty"),
    "invalid_photo_batch": Text(
        "照片批量上传的内容格式有误", "The photo batch body is not in the protocol's form"
    ),
    "photo_hash_mismatch": Text(
        "照片内容与编号不符，已丢弃，请重新上传",
        "The photo does not match its hash; it was discarded, upload it again",
    ),
    # pushed records
    "not_json": Text("内容类型应为 application/json", "The content type must be application/json"),
    "not_an_object": Text("应为对象", "Must be an object"),
    "invalid_backlog": Text(
        f"待上传数量应为 records 和 photos 两项，各为 0 到 {protocol.BACKLOG_MAX} 之间的整数",
        f"Must hold 'records' and 'photos', each an integer from 0 to {protocol.BACKLOG_MAX}",
    ),
    "invalid_uuid": Text("记录编号无效", "Must be a lowercase UUID"),
    "invalid_kind": Text("记录类型无效", "Must be a record kind"),
    "invalid_revision": Text(
        f"版本号应为 1 到 {protocol.MAX_REVISION} 之间的整数",
        f"Must be an integer from 1 to {protocol.MAX_REVISION}",
    ),
    "contains_nul": Text(
        "内容含有无法保存的空字符", "Contains a NUL character, which cannot be stored"
    ),
    "invalid_unicode": Text(
        "内容含有无效的字符（孤立的代理码位），无法保存",
        "Contains a lone surrogate, which is not a Unicode character and cannot be stored",
    ),
    "too_deep": Text(
        f"内容嵌套层数过多（最多 {protocol.PAYLOAD_MAX_DEPTH} 层）",
        f"Nested too deeply (at most {protocol.PAYLOAD_MAX_DEPTH} levels)",
    ),
    "unstorable": Text("该记录无法保存到数据库", "This record cannot be stored in the database"),
    "invalid_hash": Text("内容校验码无效", "Must be a SHA-256 hex digest"),
    "invalid_photo_list": Text("照片列表无效", "Must be a list of SHA-256 hex digests"),
    "invalid_timestamp": Text("时间无效", "Must be a timestamp string"),
    "hash_mismatch": Text("内容校验码与内容不符", "The content hash does not match the payload"),
    "unknown_kind": Text("未知的记录类型", "Unknown record kind"),
    "kind_forbidden": Text("您的岗位不能提交此类记录", "Your role may not submit this kind"),
    "kind_mismatch": Text("记录类型与已保存的不一致", "The kind differs from the stored record's"),
    "estate_forbidden": Text("您不属于该项目", "You do not belong to this estate"),
    # who may write what (server.permissions)
    "record_not_yours": Text(
        "这条记录是其他人创建的，只有创建人或主管可以修改",
        "Another account made this record; only it or a supervisor may change it",
    ),
    "author_not_you": Text(
        "记录人必须是您本人（当前登录的账号）",
        "The record must name you, the signed-in account, as the one who made it",
    ),
    "work_order_not_yours": Text("该工单没有分派给您", "This work order is not assigned to you"),
    "visit_task_not_yours": Text(
        "该回访任务没有分派给您", "This visit task is not assigned to you"
    ),
    "receiver_not_in_estate": Text(
        "接班人必须是本项目的秩序维护员或主管",
        "The person taking over must be a patrol officer or supervisor of this estate",
    ),
}

# Pydantic error types people are likely to meet, in Chinese; others fall back.
FIELD_MESSAGES_ZH: dict[str, str] = {
    "missing": "必填",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "bool_type": "应为是/否",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "too_short": "数量过少",
    "too_long": "数量过多",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "extra_forbidden": "不允许此字段",
}


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    message: Text

    def to_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message.to_dict()}

    @classmethod
    def of(cls, field_name: str, code: str) -> FieldProblem:
        return cls(field_name, code, MESSAGES[code])


@dataclass
class ApiError(Exception):
    """An answer other than success; raised by services and routes alike.

    ``extra`` adds keys to the error object (e.g. ``received`` for a photo
    upload at the wrong offset).
    """

    status: int
    code: str
    fields: list[FieldProblem] = field(default_factory=list)
    headers: dict[str, str] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.code)

    def to_body(self) -> dict:
        return error_body(self.code, [f.to_dict() for f in self.fields], **self.extra)


def error_body(code: str, fields: list[dict] | None = None, **extra: object) -> dict:
    return {
        "error": {
            "code": code,
            "message": MESSAGES[code].to_dict(),
            "fields": fields or [],
            **extra,
        }
    }
