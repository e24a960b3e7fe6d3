from fastapi import APIRouter

from sync import protocol

router = APIRouter(tags=["health"])


@router.get("/health")
def get_health() -> dict:
    return {"status": "ok", "protocol": protocol.PROTOCOL_VERSION, "server": "estate-field"}
