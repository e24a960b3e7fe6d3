"""Photos taken inside residents' homes must not carry GPS or device data: the kept JPEG
has no EXIF, XMP or comment, only pixels."""

import io

from PIL import ExifTags, Image

from mobile.store.photos import PhotoStore


def camera_jpeg_with_metadata() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TabletMaker"
    exif[ExifTags.Base.Model] = "Field Tab 10"
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 14.0, 5.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (121.0, 28.0, 9.0)
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "grey").save(
        out, "JPEG", exif=exif, comment=b"Building 7, flat 1203", xmp=b"<x:xmpmeta>GPS</x:xmpmeta>"
    )
    return out.getvalue()


def test_photo_metadata_such_as_gps_is_stripped(tmp_path):
    source = camera_jpeg_with_metadata()
    with Image.open(io.BytesIO(source)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the source really has GPS

    ref = PhotoStore(tmp_path).add(source)

    for path in (ref.path, ref.thumb_path):
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"TabletMaker" not in raw
        assert b"flat 1203" not in raw and b"xmpmeta" not in raw
        with Image.open(path) as kept:
            assert len(kept.getexif()) == 0
            assert not {"exif", "comment", "xmp", "icc_profile"} & set(kept.info)
