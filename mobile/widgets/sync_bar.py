"""The always-visible sync bar: online or offline, what waits, how old the oldest is."""

from __future__ import annotations

from datetime import timedelta

from kivy.properties import ObjectProperty
from kivymd.uix.boxlayout import MDBoxLayout

from domain.text import Text
from mobile.services.sync_view import BLOCKED, OFFLINE, SENDING_PHOTOS, SYNCING, SyncView


def age_text(age: timedelta | None) -> Text | None:
    if age is None:
        return None
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 1:
        return Text("最早一条刚刚保存", "oldest just saved")
    if minutes < 60:
        return Text(f"最早一条 {minutes} 分钟前", f"oldest {minutes} min ago")
    hours = minutes // 60
    if hours < 48:
        return Text(f"最早一条 {hours} 小时前", f"oldest {hours} h ago")
    return Text(f"最早一条 {hours // 24} 天前", f"oldest {hours // 24} days ago")


def connection_text(view: SyncView) -> Text:
    return {
        BLOCKED: Text("已暂停", "Paused"),
        SYNCING: Text("正在同步", "Syncing"),
        SENDING_PHOTOS: Text("正在上传照片", "Uploading photos"),
        OFFLINE: Text("离线", "Offline"),
    }.get(view.phase, Text("在线", "Online") if view.online else Text("等待连接", "Connecting"))


def waiting_text(view: SyncView) -> Text:
    if not view.pending_records:
        return Text("全部已上传", "Everything uploaded")
    return Text(
        f"{view.pending_records} 条记录、{view.pending_photos} 张照片待上传",
        f"{view.pending_records} records, {view.pending_photos} photos waiting",
    )


class SyncBar(MDBoxLayout):
    view = ObjectProperty(SyncView(), rebind=True)

    def icon(self, view: SyncView) -> str:
        if view.phase == BLOCKED:
            return "cloud-alert"
        if view.phase in (SYNCING, SENDING_PHOTOS):
            return "cloud-sync"
        return "cloud-off-outline" if view.phase == OFFLINE or not view.online else "cloud-check"

    def summary(self, view: SyncView, app, *_rebind_on) -> str:
        parts = [connection_text(view), waiting_text(view), age_text(view.oldest_age(app.now()))]
        return "  ·  ".join(app.say(part) for part in parts if part is not None)
