"""A short demonstration of the offline store (the main job until the app exists).

Records what a night patrol records in a pump room with no signal, kills
nothing, and shows what is waiting to be sent. Run: ``make demo``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from mobile.store.records import SyncState
from mobile.store.store import Store

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "var/demo-store")


def _demo_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (90, 120, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def main() -> None:
    with Store.open(DATA) as store:
        store.drafts.save("patrol_round:night", {"route": "夜间巡查 B 线", "checkpoint": "水泵房"})
        photo = store.photos.add(_demo_photo())
        record = store.submit(
            "patrol_round:night",
            "patrol_round",
            {
                "route": "夜间巡查 B 线",
                "checkpoint": "地下二层水泵房",
                "results": [{"item": "水泵压力", "value": 0.45, "unit": "MPa"}],
                "abnormal": False,
            },
            [photo.sha256],
        )
        counts = store.records.counts()
        print(f"数据目录 data folder: {DATA.resolve()}")
        print(f"已保存 saved: {record.kind} {record.id} (revision {record.revision})")
        print(
            f"照片 photo: {photo.sha256[:12]}… {photo.width}x{photo.height}, {photo.size_bytes} B"
        )
        print(
            f"待同步 pending: {counts[SyncState.PENDING]}",
            f"已同步 synced: {counts[SyncState.SYNCED]}",
        )
        print(f"草稿 drafts left: {len(store.drafts.all())}")


if __name__ == "__main__":
    main()
