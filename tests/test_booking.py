"""Booking a visit, consultation or trial: slots, the visitor's pages, the cancel link, e-mails, admin."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from booking import links, services
from booking.models import Booking, ClosedDay, Kind, Mode, Slot, Status, WeeklyPattern

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()  # the rate limit counts posts per address in the default cache


LOCALES = ["ja", "ja-x-easy", "en"]
PERSON = {"name": "山田 花子", "phone": "048-812-8677", "email": "hanako@example.jp"}


def make_slot(days=3, capacity=2, kind=Kind.VISIT, mode=Mode.IN_PERSON, start="10:00", end="11:00", **extra):
    return Slot.objects.create(
        date=timezone.localdate() + datetime.timedelta(days=days),
        start=datetime.time.fromisoformat(start),
        end=datetime.time.fromisoformat(end),
        kind=kind,
        mode=mode,
        capacity=capacity,
        **extra,
    )


def post(client, target, language="ja", **data):
    return client.post(f"/{language}/booking/{target.pk}/", {**PERSON, **data})


# --- models and services -----------------------------------------------------------------------


def test_booking_takes_a_seat_and_cancelling_frees_it_at_once():
    slot = make_slot(capacity=1)
    booking = services.book(slot.pk, PERSON, "ja")
    slot.refresh_from_db()
    assert slot.booked == 1 and slot.free_seats == 0
    assert slot not in services.free_slots()
    with pytest.raises(services.Unavailable) as taken:
        services.book(slot.pk, PERSON, "ja")
    assert taken.value.code == "taken"
    assert services.cancel(booking.pk, by="visitor") is True
    assert services.cancel(booking.pk, by="visitor") is False  # a second cancel frees nothing more
    slot.refresh_from_db()
    assert slot.booked == 0 and slot in services.free_slots()
    services.book(slot.pk, PERSON, "en")


def test_the_database_refuses_more_bookings_than_seats():
    from django.db import IntegrityError, transaction

    slot = make_slot(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=2)


def test_an_admin_save_never_writes_back_an_old_seat_count():
    slot = make_slot(capacity=2)
    stale = Slot.objects.get(pk=slot.pk)
    services.book(slot.pk, PERSON, "ja")
    stale.capacity = 3
    stale.save()
    slot.refresh_from_db()
    assert (slot.capacity, slot.booked) == (3, 1)


def test_past_unpublished_and_unknown_slots_are_refused():
    past = make_slot(days=-1)
    hidden = make_slot(days=2, published=False)
    soon = Slot.objects.create(
        date=timezone.localdate(), start=datetime.time(0, 0), end=datetime.time(0, 30), kind=Kind.TRIAL
    )
    for slot_id, code in ((past.pk, "past"), (hidden.pk, "unknown"), (soon.pk, "past"), (999999, "unknown")):
        with pytest.raises(services.Unavailable) as error:
            services.book(slot_id, PERSON, "ja")
        assert error.value.code == code
    assert Booking.objects.count() == 0


def test_weekly_patterns_make_slots_for_the_coming_weeks_skipping_closed_days():
    today = datetime.date(2026, 11, 30)  # a Monday
    WeeklyPattern.objects.create(weekday=2, start=datetime.time(10), end=datetime.time(11), kind=Kind.VISIT)
    WeeklyPattern.objects.create(
        weekday=4, start=datetime.time(14), end=datetime.time(15), kind=Kind.TRIAL, capacity=3, active=False
    )
    ClosedDay.objects.create(date=datetime.date(2026, 12, 9), note="休業日")
    created = services.generate_slots(weeks=3, today=today)
    assert sorted(s.date for s in created) == [datetime.date(2026, 12, 2), datetime.date(2026, 12, 16)]
    assert services.generate_slots(weeks=3, today=today) == []  # idempotent


def test_demo_slots_are_seeded_once():
    call_command("seed_demo_slots", verbosity=0)
    count = Slot.objects.count()
    assert count >= 15
    call_command("seed_demo_slots", verbosity=0)
    assert Slot.objects.count() == count


# --- the visitor's pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LOCALES)
def test_the_slot_list_groups_free_slots_by_day_and_is_never_cached(client, language):
    make_slot(days=2, start="10:00", end="11:00")
    make_slot(days=2, start="14:00", end="15:00", kind=Kind.CONSULTATION, mode=Mode.ONLINE)
    full = make_slot(days=4, capacity=1)
    services.book(full.pk, PERSON, "ja")
    response = client.get(f"/{language}/booking/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert html.count('class="booking-day"') == 1  # the full day is not listed
    assert html.count('class="slot slot--') == 2
    assert f'href="/{language}/booking/{full.pk}/"' not in html
    if language == "en":
        assert '10:00</time><span class="range">\u2013' in html
    if language == "ja-x-easy":
        assert "<ruby>" in html


@pytest.mark.parametrize("language", LOCALES)
def test_booking_path_stores_the_booking_and_shows_the_confirmation(client, language):
    slot = make_slot()
    response = post(client, slot, language)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.language, booking.status, booking.name) == (language, Status.CONFIRMED, PERSON["name"])
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    assert f"/{language}/booking/cancel/" in done.content.decode()


@pytest.mark.parametrize("language", LOCALES)
def test_a_slot_just_taken_keeps_what_was_typed_and_offers_other_times(client, language):
    slot = make_slot(capacity=1)
    other = make_slot(days=5)
    services.book(slot.pk, PERSON, "ja")
    response = post(client, slot, language, name="佐藤 一郎")
    html = response.content.decode()
    assert response.status_code == 409
    assert 'value="佐藤 一郎"' in html
    assert f'name="slot" value="{other.pk}"' in html
    again = post(client, slot, language, name="佐藤 一郎", slot=str(other.pk))
    assert again.status_code == 302
    assert Booking.objects.get(name="佐藤 一郎").slot == other


@pytest.mark.parametrize(
    "path, status",
    [("/ja/booking/999999/", 404), ("/ja/booking/99999999999999999999999/", 404), ("/ja/booking/abc/", 404)],
)
def test_a_forged_slot_id_gets_a_page_not_a_500(client, path, status):
    assert client.get(path).status_code == status
    assert client.post(path, PERSON).status_code == status


def test_broken_posts_get_clear_messages(client):
    slot = make_slot()
    bad_choice = post(client, slot, slot="1; DROP TABLE")
    assert bad_choice.status_code == 404
    wrong_type = client.post(f"/ja/booking/{slot.pk}/", "x", content_type="application/json")
    assert wrong_type.status_code == 415
    missing = client.post(f"/en/booking/{slot.pk}/", {"name": ""})
    assert missing.status_code == 200 and "Please enter your name." in missing.content.decode()
    consent = post(client, slot, health_details="うつ病")
    assert consent.status_code == 200 and 'aria-invalid="true"' in consent.content.decode()
    assert Booking.objects.count() == 0


def test_health_details_are_kept_only_with_consent(client):
    slot = make_slot()
    post(client, slot, health_consent="on", health_details="聴覚障害があります")
    booking = Booking.objects.get()
    assert booking.health_consent and booking.health_consent_at and booking.health_details


def test_a_past_slot_is_refused_on_get_and_post(client):
    slot = make_slot(days=-2)
    assert client.get(f"/ja/booking/{slot.pk}/").status_code == 410
    assert post(client, slot).status_code == 410
    assert Booking.objects.count() == 0


def test_posts_are_rate_limited_like_the_inquiry_form(client, settings):
    settings.INQUIRY_RATE_LIMIT = (2, 60)
    slot = make_slot(capacity=10)
    statuses = [post(client, slot).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Booking.objects.count() == 2


def test_a_bot_filling_the_trap_field_books_nothing(client):
    slot = make_slot()
    assert post(client, slot, website="http://spam.example").status_code == 302
    assert Booking.objects.count() == 0


# --- the cancel link -------------------------------------------------------------------------------


def cancel_path(booking, language="ja"):
    return f"/{language}/booking/cancel/{links.make(booking.pk, links.CANCEL)}/"


@pytest.mark.parametrize("language", LOCALES)
def test_the_cancel_link_asks_for_a_confirming_post_and_frees_the_seat(client, language):
    slot = make_slot(capacity=1)
    booking = services.book(slot.pk, PERSON, language)
    path = cancel_path(booking, language)
    page = client.get(path)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert Booking.objects.get().status == Status.CONFIRMED  # a GET (a mail scanner) cancels nothing
    done = client.post(path)
    assert done.status_code == 200
    assert Booking.objects.get().status == Status.CANCELLED
    slot.refresh_from_db()
    assert slot.booked == 0
    replay = client.post(path)
    assert replay.status_code == 200 and 'method="post"' not in replay.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 0


def test_tampered_expired_and_misused_links_get_a_message(client, settings):
    booking = services.book(make_slot().pk, PERSON, "ja")
    token = links.make(booking.pk, links.CANCEL)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other_booking = signing.dumps(booking.pk + 1, salt="something-else")
    done_token = links.make(booking.pk, links.DONE)  # a link for another purpose
    for bad in (tampered, other_booking, done_token, "x", "%00"):
        response = client.get(f"/en/booking/cancel/{bad}/")
        assert response.status_code == 400, bad
        assert "This link is not valid" in response.content.decode()
        assert client.post(f"/en/booking/cancel/{bad}/").status_code == 400
    settings.BOOKING_CANCEL_MAX_AGE = -1
    expired = client.post(f"/ja-x-easy/booking/cancel/{token}/")
    assert expired.status_code == 410 and "<ruby>" in expired.content.decode()
    assert Booking.objects.get().status == Status.CONFIRMED
    settings.BOOKING_CANCEL_MAX_AGE = 3600
    gone = links.make(999999, links.CANCEL)
    assert client.get(f"/ja/booking/cancel/{gone}/").status_code == 404


def test_a_booking_that_has_started_cannot_be_cancelled_online(client):
    slot = make_slot(capacity=1)
    booking = services.book(slot.pk, PERSON, "ja")
    Slot.objects.filter(pk=slot.pk).update(date=timezone.localdate() - datetime.timedelta(days=1))
    response = client.post(cancel_path(booking))
    assert response.status_code == 200 and Booking.objects.get().status == Status.CONFIRMED


# --- e-mails ---------------------------------------------------------------------------------------


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


@pytest.mark.parametrize(
    "language, words",
    [("ja", ["ご予約ありがとうございます", "見学"]), ("en", ["Thank you for your booking", "Office visit"])],
)
def test_the_confirmation_email_is_in_the_visitors_language_with_an_ics_and_a_cancel_link(language, words, client):
    slot = make_slot(start="13:30", end="14:30")
    booking = services.book(slot.pk, PERSON, language)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PERSON["email"]]
    for word in words:
        assert word in message.subject + message.body
    assert "13:30" in message.body and "14:30" in message.body
    link = re.search(r"https?://\S+/booking/cancel/\S+/", message.body).group(0)
    assert client.get(link.split("//", 1)[1].split("/", 1)[1].join(["/", ""])).status_code == 200
    name, content, mimetype = message.attachments[0]
    assert name == "booking.ics" and mimetype.startswith("text/calendar")
    lines = unfold(content).split("\r\n")
    assert all(len(line.encode()) <= 75 for line in content.split("\r\n"))
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    start = timezone.make_aware(datetime.datetime.combine(slot.date, slot.start)).astimezone(datetime.UTC)
    assert fields["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ")
    assert fields["UID"].startswith(f"booking-{booking.pk}@")
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VEVENT" in lines
    assert Booking.objects.get().confirmation_sent_at is not None


def test_no_email_address_no_email():
    services.book(make_slot().pk, {**PERSON, "email": ""}, "ja")
    assert mail.outbox == []


def test_reminders_go_out_once_for_tomorrows_bookings():
    tomorrow = make_slot(days=1)
    later = make_slot(days=3)
    services.book(tomorrow.pk, PERSON, "ja-x-easy")
    services.book(later.pk, PERSON, "ja")
    cancelled = services.book(tomorrow.pk, {**PERSON, "email": "other@example.jp"}, "ja")
    services.cancel(cancelled.pk, by="visitor")
    mail.outbox.clear()
    call_command("send_booking_reminders", verbosity=0)
    call_command("send_booking_reminders", verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [PERSON["email"]] and "明日" in mail.outbox[0].subject


def test_a_failing_mail_server_loses_no_booking(settings):
    settings.EMAIL_BACKEND = "tests.test_booking.BrokenBackend"
    settings.BOOKING_EMAIL_RETRY_DELAY = 0
    booking = services.book(make_slot().pk, PERSON, "ja")
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED and booking.confirmation_sent_at is None
    assert "down" in booking.email_last_error


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


# --- staff -------------------------------------------------------------------------------------------


def staff_user(username, group=None):
    from django.contrib.auth.models import Group, Permission, User

    user = User.objects.create_user(username, password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_staff_without_the_inquiry_permission_get_403(client):
    booking = services.book(make_slot().pk, PERSON, "ja")
    client.force_login(staff_user("editor"))
    for url in (
        "/admin/bookings/",
        f"/admin/bookings/inspect/{booking.pk}/",
        f"/admin/bookings/edit/{booking.pk}/",
        "/admin/booking_slots/",
        "/admin/booking_patterns/new/",
    ):
        assert client.get(url).status_code == 403, url


def test_inquiry_staff_cancel_and_confirm_bookings_and_the_seat_follows(client):
    from inquiries.apps import INQUIRY_GROUP

    slot = make_slot(capacity=1)
    booking = services.book(slot.pk, PERSON, "ja")
    client.force_login(staff_user("reception", INQUIRY_GROUP))
    assert PERSON["name"] in client.get(f"/admin/bookings/inspect/{booking.pk}/").content.decode()
    edit = f"/admin/bookings/edit/{booking.pk}/"
    assert client.post(edit, {"status": "cancelled", "staff_note": "電話で取り消し"}).status_code == 302
    booking.refresh_from_db()
    slot.refresh_from_db()
    assert (booking.status, booking.cancelled_by, booking.staff_note, slot.booked) == (
        "cancelled",
        "staff",
        "電話で取り消し",
        0,
    )
    # Someone else takes the freed seat: the cancelled booking cannot come back.
    services.book(slot.pk, {**PERSON, "email": ""}, "en")
    refused = client.post(edit, {"status": "confirmed", "staff_note": ""})
    assert refused.status_code == 200 and "満席" in refused.content.decode()
    Slot.objects.filter(pk=slot.pk).update(capacity=2)
    assert client.post(edit, {"status": "confirmed", "staff_note": ""}).status_code == 302
    slot.refresh_from_db()
    assert slot.booked == 2 and Booking.objects.get(pk=booking.pk).status == "confirmed"
    # No adding or deleting bookings by hand; a capacity below the bookings is refused.
    assert client.get("/admin/bookings/new/").status_code == 403
    assert client.get(f"/admin/bookings/delete/{booking.pk}/").status_code == 403
    low = client.post(
        f"/admin/booking_slots/edit/{slot.pk}/",
        {
            "date": slot.date,
            "start": "10:00",
            "end": "11:00",
            "kind": "visit",
            "mode": "in_person",
            "capacity": 1,
            "published": "on",
        },
    )
    assert low.status_code == 200 and Slot.objects.get(pk=slot.pk).capacity == 2


def test_saving_a_weekly_pattern_in_the_admin_makes_its_slots(client):
    from inquiries.apps import INQUIRY_GROUP

    client.force_login(staff_user("reception", INQUIRY_GROUP))
    response = client.post(
        "/admin/booking_patterns/new/",
        {
            "weekday": 2,
            "start": "10:00",
            "end": "11:00",
            "kind": "visit",
            "mode": "in_person",
            "capacity": 2,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Slot.objects.filter(kind="visit", start=datetime.time(10)).count() >= 4


def test_the_easy_booking_pages_meet_the_easy_japanese_targets(client):
    from language import easy_japanese as ej
    from tests.test_easy_japanese import main_text

    slot = make_slot()
    booking = services.book(slot.pk, PERSON, "ja-x-easy")
    pages = [
        "/ja-x-easy/booking/",
        f"/ja-x-easy/booking/{slot.pk}/",
        f"/ja-x-easy/booking/done/{links.make(booking.pk, links.DONE)}/",
        cancel_path(booking, "ja-x-easy"),
    ]
    failures = []
    for path in pages:
        report = ej.measure(main_text(client.get(path).content.decode()))
        failures += [f"{path}: {problem}" for problem in report.problems]
    assert not failures, "\n".join(failures)
