"""Estates and accounts (created by an admin or the command line).

Each account is also published to the tablets of its estates as a ``staff`` reference
item (``domain.staff``: its username, display name and role), so that a handover can be
addressed to a colleague and logs filtered by who wrote them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.staff import staff_id
from server.auth import hash_password
from server.db.models import ROLES, Account, Estate
from server.services.changes import next_change_seq
from server.services.reference import STAFF, store_reference_item
from server.services.usernames import normalise_username

__all__ = ["create_account", "create_estate", "has_an_admin", "normalise_username"]


def create_estate(session: Session, *, estate_id: str, name: str, address: str = "") -> Estate:
    estate = Estate(id=estate_id, name=name, address=address, change_seq=next_change_seq(session))
    session.add(estate)
    session.commit()
    return estate


def create_account(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    estates: list[Estate],
    display_name: str = "",
    company_wide: bool = False,
) -> Account:
    """A new account. Every account works in at least one estate, except a
    company-wide admin, who manages every estate's accounts (docs/admin.md)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if company_wide and role != "admin":
        raise ValueError("only an admin can be company-wide")
    if not estates and not company_wide:
        raise ValueError("an account needs at least one estate")
    account = Account(
        username=normalise_username(username),
        password_hash=hash_password(password),
        role=role,
        display_name=display_name,
        estates=list(estates),
        company_wide=company_wide,
    )
    session.add(account)
    session.flush()
    for estate in account.estates:
        _publish_staff(session, account, estate.id)
    session.commit()
    return account


def _publish_staff(session: Session, account: Account, estate_id: str) -> None:
    data = {
        "id": staff_id(estate_id, account.username),
        "estate_id": estate_id,
        "username": account.username,
        "name": account.display_name,
        "role": account.role,
    }
    store_reference_item(session, kind=STAFF, key=data["id"], data=data, estate_id=estate_id)


def has_an_admin(session: Session) -> bool:
    """Whether any active admin account exists (a fresh server has none)."""
    admin = select(Account.id).where(Account.role == "admin", Account.active.is_(True))
    return session.scalar(admin.limit(1)) is not None
