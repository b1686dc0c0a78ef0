"""Issue 9, finding 3: lockouts by (username, address), a growing delay per username instead of a
lock anyone can trigger, and the client address taken from a trusted proxy only."""

import time_machine
from django.test import RequestFactory, override_settings

from integra.accounts import throttle
from integra.core.net import client_ip
from tests.base import PASSWORD

LOGIN = "/en/accounts/login/"
WRONG = "wrong password here"


def test_five_wrong_passwords_for_one_user_do_not_lock_another_user_at_the_same_address(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "manager.sofia", "password": WRONG}, REMOTE_ADDR="198.51.100.7")
    response = client.post(LOGIN, {"username": "consultant.sofia", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff["consultant.sofia"].pk)


@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"])
def test_behind_the_proxy_one_person_locked_out_does_not_lock_the_next_visitor(client, staff):
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "manager.sofia", "password": WRONG},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    locked = client.post(
        LOGIN,
        {"username": "manager.sofia", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert locked.status_code == 429
    throttle.reset("manager.sofia")  # the growing delay is tested on its own below
    other = client.post(
        LOGIN,
        {"username": "manager.sofia", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert other.status_code == 302


def test_many_addresses_guessing_one_account_meet_a_growing_delay_that_ends(client, staff):
    with time_machine.travel("2026-12-02 10:00 +0000", tick=False) as traveller:
        for n in range(10):
            client.post(LOGIN, {"username": "manager.sofia", "password": WRONG}, REMOTE_ADDR=f"192.0.2.{n}")
        assert throttle.seconds_to_wait("manager.sofia") == 1
        client.post(LOGIN, {"username": "manager.sofia", "password": WRONG}, REMOTE_ADDR="192.0.2.50")
        response = client.post(LOGIN, {"username": "manager.sofia", "password": PASSWORD}, REMOTE_ADDR="192.0.2.60")
        assert response.status_code == 200
        assert "Too many wrong passwords for this account" in response.content.decode()
        assert "_auth_user_id" not in client.session
        traveller.shift(throttle.seconds_to_wait("manager.sofia"))
        response = client.post(LOGIN, {"username": "manager.sofia", "password": PASSWORD}, REMOTE_ADDR="192.0.2.60")
        assert response.status_code == 302
        assert throttle.seconds_to_wait("manager.sofia") == 0


def test_the_delay_grows_and_is_capped(settings):
    settings.LOGIN_DELAY_MAX_SECONDS = 60
    for _ in range(10 + 10):
        throttle.record_failure("someone", now=1000.0)
    assert throttle.seconds_to_wait("someone", now=1000.0) == 60
    assert throttle.seconds_to_wait("someone", now=1060.0) == 0
    throttle.reset("someone")
    for _ in range(12):
        throttle.record_failure("someone", now=1000.0)
    assert throttle.seconds_to_wait("someone", now=1000.0) == 4


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXIES=[])
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert client_ip(request("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client():
    # The client wrote "1.2.3.4" itself; the proxies appended the real address and each other.
    assert client_ip(request("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.1")) == "203.0.113.9"
    assert client_ip(request("198.51.100.1", "203.0.113.9")) == "198.51.100.1"  # not from a proxy
    assert client_ip(request("10.0.0.2", "not-an-address")) == "10.0.0.2"
    assert client_ip(request("10.0.0.2")) == "10.0.0.2"


@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"])
def test_rate_limits_count_each_visitor_behind_the_proxy_apart():
    from integra.core import ratelimit

    one, two = request("127.0.0.1", "203.0.113.1"), request("127.0.0.1", "203.0.113.2")
    assert ratelimit.bucket(one, namespace="t", scope="s", key=b"k") != ratelimit.bucket(
        two, namespace="t", scope="s", key=b"k"
    )
    spoofed = request("198.51.100.1", "203.0.113.1")
    assert ratelimit.bucket(spoofed, namespace="t", scope="s", key=b"k") != ratelimit.bucket(
        one, namespace="t", scope="s", key=b"k"
    )
