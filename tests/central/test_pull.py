"""Pull: the feed in commit order, per terminal's scope, with a cursor."""

from __future__ import annotations

import threading

from support.central import add_centre, enrolled, now

from clerk_central import admin, sync
from clerk_central.db import read_transaction, transaction


def pull(client, terminal, after=0, limit=None):
    params = {"after": after} | ({"limit": limit} if limit else {})
    answer = client.get("/sync/v1/pull", params=params, headers=terminal.auth)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_settings_reach_the_terminals_they_are_for(client, sessions) -> None:
    add_centre(sessions, "C01")
    add_centre(sessions, "C02", "南站镇便民服务中心")
    ours = enrolled(client, sessions, "C01")
    theirs = enrolled(client, sessions, "C02")
    assert pull(client, ours) == {"items": [], "cursor": 0, "more": False}
    with transaction(sessions) as s:
        county = admin.set_setting(
            s, key="public_status_url", value="https://zw.example.cn/t", centre_code=None, now=now()
        )
        local = admin.set_setting(
            s,
            key="public_status_url",
            value="https://c01.example.cn/t",
            centre_code="C01",
            now=now(),
        )
    page = pull(client, ours)
    assert page == {
        "items": [
            {
                "version": county,
                "kind": "settings",
                "body": {"public_status_url": "https://zw.example.cn/t"},
            },
            {
                "version": local,
                "kind": "settings",
                "body": {"public_status_url": "https://c01.example.cn/t"},
            },
        ],
        "cursor": local,
        "more": False,
    }
    assert [i["version"] for i in pull(client, theirs)["items"]] == [county]
    assert pull(client, ours, after=local) == {"items": [], "cursor": local, "more": False}
    # A terminal enrolled now starts with the settings merged (the centre's wins).
    late = enrolled(client, sessions, "C01")
    assert late.body["settings"] == {"public_status_url": "https://c01.example.cn/t"}


def test_pages_follow_the_cursor(client, sessions) -> None:
    add_centre(sessions)
    t = enrolled(client, sessions)
    with transaction(sessions) as s:
        for i in range(7):
            admin.set_setting(
                s,
                key="public_status_url",
                value=f"https://zw.example.cn/{i}",
                centre_code=None,
                now=now(),
            )
    seen, cursor, pages = [], 0, 0
    while True:
        page = pull(client, t, after=cursor, limit=3)
        pages += 1
        seen += [item["body"]["public_status_url"][-1] for item in page["items"]]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == [str(i) for i in range(7)]
    assert pages == 3 and cursor == 7


def test_two_writers_out_of_order_skip_no_version(sessions) -> None:
    """A takes a version first and commits last: B waits for A, and readers see both.

    A sequence would let B commit version 2 while 1 is still open, and a reader whose
    cursor passed 2 would never see 1. The one-row counter makes B wait on A's row lock.
    """
    add_centre(sessions)
    with transaction(sessions) as s:
        centre_id = admin.centre_by_code(s, "C01").id
    a = sessions()
    a.begin()
    version_a = sync.add_feed_item(a, kind="settings", body={"public_status_url": "a"}).version
    got: dict[str, int] = {}

    def writer_b() -> None:
        with transaction(sessions) as b:
            got["b"] = sync.add_feed_item(
                b, kind="settings", body={"public_status_url": "b"}
            ).version

    thread = threading.Thread(target=writer_b)
    thread.start()
    thread.join(1.0)
    assert thread.is_alive(), "B must wait for A's version to commit"
    with read_transaction(sessions) as reader:
        # Nothing committed yet: a reader's cursor cannot move past A's version.
        terminal_view = sync.pull(reader, _as_terminal(centre_id), after=0, limit=10)
    assert terminal_view["items"] == []
    a.commit()
    a.close()
    thread.join(30)
    with read_transaction(sessions) as reader:
        page = sync.pull(reader, _as_terminal(centre_id), after=0, limit=10)
    assert [i["version"] for i in page["items"]] == [version_a, got["b"]] == [1, 2]


def _as_terminal(centre_id: int):
    from clerk_central.models import Terminal

    return Terminal(id="reader", centre_id=centre_id)
