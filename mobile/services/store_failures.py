"""A store error in the middle of a sync pass, in words about syncing.

The store's own words are about a save that failed ("this entry was not
saved"); while syncing, the user needs to hear that syncing has paused, that
what is saved is intact, and what to do (free space, call the administrator).
Every method of the outbox (mobile/services/outbox.py) is wrapped so that a
``StoreError`` leaves it as ``sync.errors.TabletStoreFailed`` with these words;
the runner shows them and retries with backoff until the cause is gone.
"""

from __future__ import annotations

import functools

from domain.text import Text
from mobile.store.errors import (
    DiskFull,
    PhotoNotFound,
    ReadOnlyStorage,
    StoreCorrupted,
    StoreError,
    StoreFromNewerApp,
)
from sync.errors import TabletStoreFailed

# What the sync bar says when the store fails mid-pass; the first match counts.
SYNC_STOPPED_BY: list[tuple[type[StoreError], Text]] = [
    (
        DiskFull,
        Text(
            "本机存储空间已满，同步已暂停。请清理空间（删除不需要的文件或应用），"
            "之后会自动继续同步；已保存的记录完好。",
            "The tablet's storage is full, so syncing has paused. Free some space "
            "(delete files or apps you do not need); syncing then resumes by itself. "
            "Saved records are intact.",
        ),
    ),
    (
        ReadOnlyStorage,
        Text(
            "本机存储变为只读，同步已暂停。请重启平板；如仍出现，请联系管理员。已保存的记录完好。",
            "The tablet's storage has become read-only, so syncing has paused. Restart "
            "the tablet; if it happens again, contact your administrator. Saved records "
            "are intact.",
        ),
    ),
    (
        StoreCorrupted,
        Text(
            "本机数据文件已损坏，同步已暂停。请联系管理员，切勿删除应用数据。",
            "The on-device data file is damaged, so syncing has paused. Contact your "
            "administrator; do not clear app data.",
        ),
    ),
    (
        StoreFromNewerApp,
        Text(
            "本机数据来自更新版本的应用，同步已暂停。请更新应用。",
            "The on-device data comes from a newer version of the app, so syncing has "
            "paused. Please update the app.",
        ),
    ),
    (
        PhotoNotFound,
        Text(
            "一张待上传的照片在本机找不到了。同步会自动重试，并把缺少照片的记录单独列出，"
            "供您重拍、删除照片或放弃。",
            "A photo waiting to upload is no longer on this tablet. Sync will retry by "
            "itself and list the record that lacks it, for you to retake the photo, "
            "remove it or discard the record.",
        ),
    ),
]


def store_errors_stop_sync(method):
    """A store error leaves ``method`` as ``TabletStoreFailed``, with the sync bar's words."""

    @functools.wraps(method)
    def translated(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except StoreError as error:
            text = next((t for kind, t in SYNC_STOPPED_BY if isinstance(error, kind)), None)
            raise TabletStoreFailed(f"{type(error).__name__}: {error.detail}", text) from error

    return translated
