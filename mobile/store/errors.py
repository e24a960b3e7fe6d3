"""What can go wrong in the offline store, in words a field worker understands.

    StoreError                 base; carries a bilingual ``text``
    ├── StoreAlreadyOpen       another app process holds the store
    ├── StoreCorrupted         data on disk fails its checksums beyond a torn tail
    ├── StoreFromNewerApp      the data was written by a newer version of the app
    ├── StoreWriteFailed       the disk refused a write (I/O error);
    │   ├── DiskFull           no space left
    │   └── ReadOnlyStorage    the file system is read-only
    │                          (in each case the record being saved is not there;
    │                           earlier ones are intact)
    ├── RecordNotFound         no record with that id
    │   └── PhotoNotFound      no stored photo with that SHA-256
    ├── RecordNotRejected      only a record the server refused can be discarded
    └── PhotoNotAnImage        the bytes handed in as a photo are not a picture
"""

from __future__ import annotations

from domain.text import ExplainedError, Text


class StoreError(ExplainedError):
    text = Text("本机存储出错。", "The on-device store failed.")


class StoreAlreadyOpen(StoreError):
    text = Text(
        "数据已被另一个应用窗口打开，请先关闭它。",
        "The data is already open in another app window; close it first.",
    )


class StoreCorrupted(StoreError):
    text = Text(
        "本机数据文件已损坏，请联系管理员，切勿删除应用数据。",
        "The on-device data file is damaged. Contact your administrator; do not clear app data.",
    )


class StoreFromNewerApp(StoreError):
    text = Text(
        "本机数据来自更新版本的应用，请更新应用。",
        "The on-device data comes from a newer version of the app; please update the app.",
    )


class StoreWriteFailed(StoreError):
    text = Text(
        "保存失败：存储空间已满或不可写。本条未保存，之前的记录完好。",
        "Save failed: storage is full or not writable. This entry was not saved; "
        "earlier entries are intact.",
    )


class DiskFull(StoreWriteFailed):
    text = Text(
        "保存失败：设备存储空间已满。请清理空间后重试，之前的记录完好。",
        "Save failed: the device storage is full. Free some space and try again; "
        "earlier entries are intact.",
    )


class ReadOnlyStorage(StoreWriteFailed):
    text = Text(
        "保存失败：存储为只读。本条未保存，之前的记录完好。",
        "Save failed: storage is read-only. This entry was not saved; earlier entries are intact.",
    )


class RecordNotFound(StoreError):
    text = Text("找不到这条记录。", "That record was not found.")


class RecordNotRejected(StoreError):
    text = Text(
        "这条记录还在等待上传，不能删除；只有被服务器退回的记录才能放弃。",
        "This record is still waiting to be sent and cannot be deleted; "
        "only a record the server refused can be discarded.",
    )


class PhotoNotFound(RecordNotFound):
    text = Text(
        "本机找不到这张照片，可能已上传并清理。",
        "That photo is not on this device; it may have been uploaded and cleared.",
    )


class PhotoNotAnImage(StoreError):
    text = Text(
        "所选文件不是图片，请重新拍照或选择照片。",
        "The chosen file is not a picture; take or choose a photo again.",
    )
