"""Every pull answer names its scope: who pulled, with which role and estates. A tablet's
cursor only holds within one scope; when it changes, the tablet starts again from 0."""

from sqlalchemy import select

from server.db.models import Account, Estate
from tests.server.reference_factories import pull_page


def _scope(client, headers):
    return pull_page(client, headers)["scope"]


def _account(db, username):
    return db.scalar(select(Account).where(Account.username == username))


def test_the_same_account_pulls_under_the_same_scope(client, make_account, login):
    li = login(make_account("li", "service"))

    assert _scope(client, li) == _scope(client, li)


def test_another_account_of_the_same_role_and_estate_has_its_own_scope(client, make_account, login):
    li, liu = login(make_account("li", "service")), login(make_account("liu", "service"))

    assert _scope(client, li) != _scope(client, liu)


def test_a_new_role_or_another_estate_changes_the_scope(client, db, make_account, login):
    headers = login(make_account("zhou", "patrol"))
    first = _scope(client, headers)

    zhou = _account(db, "zhou")
    zhou.role = "service"
    db.commit()
    as_service = _scope(client, headers)
    zhou.estates.append(db.get(Estate, "lyy"))
    db.commit()
    with_two_estates = _scope(client, headers)

    assert len({first, as_service, with_two_estates}) == 3
