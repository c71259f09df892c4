"""Staff logins resist attack: throttling and lockout, a second factor, idle expiry, all audited."""

import datetime
import importlib

import pytest
import time_machine
from django.urls import clear_url_caches, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressoffice.accounts.otp import recovery_codes_replace
from releases.models import AuditEntry
from releases.roles import EDITOR, WRITER
from tests import factories

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.PRESSOFFICE_OTP_REQUIRED = True
    settings.AXES_FAILURE_LIMIT = 5


def account(role=EDITOR, password="a-long-password-9", **fields):
    user = factories.user(role=role, **fields)
    user.set_password(password)
    user.save()
    return user


def log_in(client, user, password="a-long-password-9", code="", ip="10.0.0.1", language="en"):
    return client.post(LOGIN, {"username": user.username, "password": password, "code": code, "next": "/admin/"},
                       REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)


def enrol(user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device, recovery_codes_replace(user=user)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def actions(user=None):
    entries = AuditEntry.objects.filter(release=None, edition=None)
    if user is not None:
        entries = entries.filter(user=user)
    return list(entries.order_by("pk").values_list("action", flat=True))


def test_repeated_wrong_passwords_lock_the_account_and_the_right_one_then_fails_too(client):
    user = account(role=WRITER)
    for _ in range(5):
        assert log_in(client, user, password="wrong").status_code in (200, 429)
    response = log_in(client, user)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert actions(user).count("login_failed") >= 5 and "lockout" in actions(user)


def test_an_account_is_locked_whatever_address_the_attempts_come_from(client):
    user = account(role=WRITER)
    for n in range(5):
        log_in(client, user, password="wrong", ip=f"10.0.1.{n}")
    assert log_in(client, user, ip="10.9.9.9").status_code == 429


def test_an_address_that_tries_many_accounts_is_locked_out(client):
    victims = [account(role=WRITER) for _ in range(5)]
    for victim in victims:
        log_in(client, victim, password="wrong", ip="10.0.2.2")
    fresh = account(role=WRITER)
    assert log_in(client, fresh, ip="10.0.2.2").status_code == 429
    assert log_in(client, fresh, ip="10.0.2.3").status_code == 302


def test_the_lockout_page_speaks_arabic(client):
    user = account(role=WRITER)
    for _ in range(6):
        response = log_in(client, user, password="wrong", language="ar")
    html = response.content.decode()
    assert response.status_code == 429 and 'lang="ar"' in html and "محاولات" in html


def test_an_administrator_unlocks_an_account_from_the_admin(client):
    from axes.models import AccessAttempt

    user = account(role=WRITER)
    for _ in range(5):
        log_in(client, user, password="wrong")
    admin_user = account(role=None, is_superuser=True)
    device, _codes = enrol(admin_user)
    admin_client = client.__class__()
    assert log_in(admin_client, admin_user, code=current_code(device), ip="10.5.5.5").status_code == 302
    attempts = AccessAttempt.objects.filter(username=user.username)
    response = admin_client.post(reverse("admin:axes_accessattempt_changelist"), {
        "action": "unlock", "_selected_action": [a.pk for a in attempts]}, REMOTE_ADDR="10.5.5.5")
    assert response.status_code == 302
    assert log_in(client, user).status_code == 302
    assert "unlock" in actions(admin_user)


def test_an_editor_without_a_second_factor_must_set_one_up_before_anything_else(client):
    user = account()
    response = log_in(client, user)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/releases/edition/")["Location"] == reverse("admin:two_factor")
    page = client.get(reverse("admin:two_factor"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "no-store" in page["Cache-Control"]
    assert "https://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]  # drawn here, not fetched
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("admin:two_factor"), {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    with time_machine.travel(datetime.timedelta(seconds=3)):  # django-otp slows down guessing after a miss
        device.refresh_from_db()
        done = client.post(reverse("admin:two_factor"), {"code": current_code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    assert actions(user) == ["login", "otp_enrolled"]


def test_an_enrolled_editor_needs_the_code_to_log_in(client):
    user = account()
    device, _codes = enrol(user)
    without = log_in(client, user)
    assert without.status_code == 200 and "six-digit code" in without.content.decode()
    assert "_auth_user_id" not in client.session
    assert log_in(client, user, code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert actions(user) == ["login_failed", "login"]


def test_wrong_codes_count_towards_the_lockout(client):
    user = account()
    device, _codes = enrol(user)
    for _ in range(5):
        log_in(client, user, code="123456")
    assert log_in(client, user, code=current_code(device)).status_code == 429


def test_a_recovery_code_works_once_and_is_recorded(client):
    user = account()
    _device, codes = enrol(user)
    assert log_in(client, user, code=codes[0].upper()).status_code == 302
    assert "recovery_code_used" in actions(user)
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.logout()
    assert log_in(client, user, code=codes[0]).status_code == 200


def test_a_superuser_must_use_a_second_factor_too(client):
    user = account(role=None, is_superuser=True)
    log_in(client, user)
    assert client.get("/admin/")["Location"] == reverse("admin:two_factor")


def test_a_writer_may_log_in_with_a_password_only_and_may_choose_a_second_factor(client):
    user = account(role=WRITER)
    assert log_in(client, user).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert reverse("admin:two_factor") in client.get("/admin/").content.decode()


def test_with_the_requirement_off_editors_log_in_with_a_password(client, settings):
    settings.PRESSOFFICE_OTP_REQUIRED = False
    log_in(client, account())
    assert client.get("/admin/").status_code == 200


def test_replacing_recovery_codes_and_removing_the_second_factor_are_audited(client):
    user = account(role=WRITER)
    device, old_codes = enrol(user)
    log_in(client, user, code=current_code(device))
    response = client.post(reverse("admin:two_factor"), {"action": "recovery_codes", "code": old_codes[1]})
    assert len(response.context["codes"]) == 10
    assert not StaticToken.objects.filter(token=old_codes[2]).exists()
    client.post(reverse("admin:two_factor"), {"action": "remove", "code": response.context["codes"][0]})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert actions(user)[-2:] == ["recovery_codes_replaced", "otp_removed"]


def test_staff_sessions_end_after_the_idle_time_and_each_request_renews_them(client, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    user = account(role=WRITER)
    start = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.timezone.utc)
    with time_machine.travel(start, tick=False) as clock:
        log_in(client, user)
        clock.shift(datetime.timedelta(minutes=20))
        assert client.get("/admin/").status_code == 200
        clock.shift(datetime.timedelta(minutes=20))
        assert client.get("/admin/").status_code == 200  # 40 minutes in, 20 idle
        clock.shift(datetime.timedelta(minutes=31))
        assert client.get("/admin/").status_code == 302


def test_failed_logins_for_unknown_accounts_are_recorded_with_the_name_tried(client):
    client.post(LOGIN, {"username": "nobody\u202e", "password": "x"}, REMOTE_ADDR="10.3.3.3")
    entry = AuditEntry.objects.get(action="login_failed")
    assert entry.user is None and entry.subject == "nobody" and "10.3.3.3" in entry.reason


@pytest.fixture
def secret_admin_path(settings):
    import pressoffice.urls

    settings.ADMIN_PATH = "office-7f3k/"
    importlib.reload(pressoffice.urls)
    clear_url_caches()
    yield "/office-7f3k/"
    settings.ADMIN_PATH = "admin/"
    importlib.reload(pressoffice.urls)
    clear_url_caches()


def test_the_admin_lives_at_its_configured_path_which_robots_txt_does_not_reveal(client, secret_admin_path):
    assert client.get(secret_admin_path).status_code == 302
    assert client.get("/admin/").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "office-7f3k" not in robots and "admin" not in robots
    assert client.get(secret_admin_path + "login/")["X-Robots-Tag"] == "noindex, nofollow"


def test_a_session_that_has_not_passed_the_second_factor_sees_nothing_and_must_log_in_again(client):
    user = account()
    enrol(user)
    client.force_login(user)  # a password-only session, as if made before the device existed
    assert client.get("/admin/releases/edition/")["Location"].startswith(LOGIN)
    assert client.get(LOGIN).status_code == 200
    assert "_auth_user_id" not in client.session  # logged out: both factors, from the start
