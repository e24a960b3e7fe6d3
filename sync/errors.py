"""What can go wrong while syncing, in the project's own terms.

    SyncError                  base; carries a bilingual ``text`` for the sync bar
    ├── Unreachable            no connection, DNS, refused, reset
    │   └── TimedOut           the server did not answer in time (a slow link:
    │                          the engine sends smaller pieces next time)
    ├── AuthRequired           401: the device token is missing, expired or revoked
    ├── ProtocolOutdated       426: the server needs a newer app
    ├── ServerError            5xx: the server failed; try again later
    ├── Refused                another 4xx, with the protocol's error body (code, message)
    ├── BadResponse            an answer that is not our protocol: a captive Wi-Fi
    │                          portal, a proxy's page, a cut-off body
    └── TabletStoreFailed      the tablet's own store failed mid-pass (full disk,
                               damaged data, a photo gone), with words for the case

Each is raised ``from`` the exception that caused it: the transport raises the
network ones from the library's, the outbox (mobile/services/outbox.py) raises
``TabletStoreFailed`` from the store's. The engine decides what each means for
the records. Anything else that escapes a pass is a bug: ``explain`` gives the
sync bar words for it too, and the runner retries it like any failure.
"""

from __future__ import annotations

from domain.text import ExplainedError, Text


class SyncError(ExplainedError):
    text = Text("同步失败。", "Sync failed.")


class Unreachable(SyncError):
    text = Text(
        "连不上服务器（可能没有信号）。记录已安全保存在本机，有信号后会自动上传。",
        "Cannot reach the server (no signal?). Records are safe on this tablet and "
        "will upload when a connection comes back.",
    )


class TimedOut(Unreachable):
    text = Text(
        "网络太慢，服务器未及时响应；将分成更小的部分重试。记录已安全保存在本机。",
        "The connection is too slow and the server did not answer in time; sync will "
        "retry in smaller pieces. Records are safe on this tablet.",
    )


class AuthRequired(SyncError):
    text = Text(
        "登录已失效，请重新登录。未上传的记录不会丢失。",
        "Your sign-in has expired; please sign in again. Nothing waiting to upload is lost.",
    )


class ProtocolOutdated(SyncError):
    text = Text(
        "应用版本过旧，请更新应用后再同步。记录已安全保存在本机。",
        "This app version is too old; update it to sync. Records are safe on this tablet.",
    )


class ServerError(SyncError):
    text = Text(
        "服务器暂时出错，稍后会自动重试。记录已安全保存在本机。",
        "The server had a problem; sync will retry shortly. Records are safe on this tablet.",
    )


class Refused(SyncError):
    """The server understood and said no (a 4xx other than 401/426), with its reason."""

    def __init__(self, status: int, error: dict, retry_after_s: float | None = None):
        self.status = status
        self.code = error["code"]
        self.error = error
        # The server's Retry-After, when it said how long to wait (a throttled sign-in).
        self.retry_after_s = retry_after_s
        message = error["message"]
        super().__init__(f"{status} {self.code}", Text(message["zh"], message["en"]))


class TabletStoreFailed(SyncError):
    """The tablet's own store failed during a pass; the outbox sets the words for the case."""

    text = Text(
        "本机存储出错，同步已暂停，稍后会自动重试。如反复出现，请重启平板或联系管理员。",
        "The tablet's storage failed, so syncing has paused; it will retry by itself. "
        "If this keeps happening, restart the tablet or contact your administrator.",
    )


class BadResponse(SyncError):
    text = Text(
        "网络返回了异常内容（可能需要先登录 Wi-Fi）。记录已安全保存在本机。",
        "The network answered with something unexpected (a Wi-Fi login page?). "
        "Records are safe on this tablet.",
    )


UNEXPECTED = Text(
    "同步时出现意外错误，稍后会自动重试；记录已安全保存在本机。如反复出现，请联系管理员。",
    "Sync hit an unexpected error and will retry by itself; records are safe on this "
    "tablet. If this keeps happening, contact your administrator.",
)


def explain(error: BaseException) -> Text:
    """What the sync bar says about ``error``: its own words, or those for a bug."""
    return error.text if isinstance(error, ExplainedError) else UNEXPECTED
