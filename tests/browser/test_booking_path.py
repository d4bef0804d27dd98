"""Booking with the keyboard alone, in every locale, with the whole audit (axe and the site's own
checks) on every page and state of the path: the slot list, the form, its errors, "just taken",
the confirmation, the cancel page, the cancelled page and a broken cancel link."""

import datetime
from pathlib import Path

import pytest

from .audit import audit_page, load, new_context
from .test_accessibility import violation_lines

# Not django_db: the live server must see the slots this test writes (it deletes them itself).
pytestmark = [pytest.mark.browser]
LOCALES = ("ja", "ja-x-easy", "en")
FIXTURES = Path(__file__).with_name("fixtures")


class Unreachable(AssertionError):
    pass


def tab_to(page, selector, limit=120):
    """Press Tab until `selector` has the focus; a control Tab never reaches fails the test."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise Unreachable(f"{selector} never got the focus with Tab on {page.url}")


def press_enter_on(page, selector):
    tab_to(page, selector)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value.status if navigation.value else 0


def here(page):
    """The page's URL without the #main the skip-link check left on it (a goto there would not reload)."""
    return page.url.split("#", 1)[0]


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.fixture
def slots(seeded_site):
    from django.core.cache import cache
    from django.utils import timezone

    from booking.models import Booking, Kind, Mode, Slot

    cache.clear()  # the rate limit counts every locale's posts from 127.0.0.1 together

    day = timezone.localdate() + datetime.timedelta(days=3)
    made = [
        Slot.objects.create(date=day, start=datetime.time(10), end=datetime.time(11), kind=Kind.VISIT, capacity=5),
        Slot.objects.create(
            date=day, start=datetime.time(14), end=datetime.time(15), kind=Kind.TRIAL, mode=Mode.ONLINE, capacity=3
        ),
    ]
    yield made
    Booking.objects.filter(slot__in=made).delete()  # no transaction around browser tests: put things back
    Slot.objects.filter(pk__in=[s.pk for s in made]).delete()


@pytest.mark.parametrize("locale", LOCALES)
def test_booking_and_cancelling_with_the_keyboard_alone(browser, site_url, slots, locale):
    from booking import services
    from booking.models import Booking, Slot, Status

    context = new_context(browser)
    page = context.new_page()
    audits = []

    def audit(kind, status, expected):
        assert status == expected, f"{kind}: {status} at {page.url}"
        audits.append(audit_page(page, locale, kind, status))

    # The list, then the first free time.
    audit("booking list", load(page, f"{site_url}/{locale}/booking/"), 200)
    load(page, f"{site_url}/{locale}/booking/")
    status = press_enter_on(page, "a.slot__link")
    audit("booking form", status, 200)
    # Sent empty: the errors.
    load(page, here(page))
    audit("booking form errors", press_enter_on(page, "form.booking-form button[type=submit]"), 200)
    # Filled in and sent with the keyboard.
    form_url = here(page)
    load(page, form_url)
    type_into(page, "#id_name", "Keyboard Test")
    type_into(page, "#id_email", "keyboard@example.jp")
    tab_to(page, "#id_health_consent")
    page.keyboard.press("Space")  # the consent box opens the details field
    type_into(page, "#id_health_details", "Tab only")
    audit("booking done", press_enter_on(page, "form.booking-form button[type=submit]"), 200)
    booking = Booking.objects.get(name="Keyboard Test")
    assert booking.language == locale and booking.health_consent and booking.slot == slots[0]
    # The cancel page, then cancelling with the button.
    load(page, here(page))
    audit("booking cancel", press_enter_on(page, "a[href*='/booking/cancel/']"), 200)
    cancel_url = here(page)
    load(page, cancel_url)
    audit("booking cancelled", press_enter_on(page, "main button[type=submit]"), 200)
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED
    assert Slot.objects.get(pk=slots[0].pk).booked == 0
    # The cancel link again, and a broken one.
    audit("booking cancel replayed", load(page, cancel_url), 200)
    audit("booking link broken", load(page, f"{site_url}/{locale}/booking/cancel/broken/"), 400)
    # Just taken: the last seat goes while the visitor is typing; they pick another time in the same form.
    Slot.objects.filter(pk=slots[0].pk).update(capacity=1)
    load(page, form_url)
    type_into(page, "#id_name", "Second Visitor")
    type_into(page, "#id_phone", "048-812-8677")
    services.book(slots[0].pk, {"name": "Someone Else", "phone": "0488128677"}, "ja")
    audit("booking just taken", press_enter_on(page, "form.booking-form button[type=submit]"), 409)
    tab_to(page, "input[name=slot]")
    page.keyboard.press("Space")
    press_enter_on(page, "form.booking-form button[type=submit]")
    assert Booking.objects.get(name="Second Visitor").slot == slots[1]
    context.close()

    lines = violation_lines(audits)
    assert not lines, "\n".join(lines)
    problems = [f"{a.kind}: {check}: {p}" for a in audits for check, found in a.problems.items() for p in found]
    assert not problems, "\n".join(problems)
    if locale == "ja-x-easy":
        assert all(a.furigana for a in audits), [a.kind for a in audits if not a.furigana]


# Marked so that pytest-django sets up (migrates and seeds) the test database when this file runs alone.
@pytest.mark.django_db
def test_the_keyboard_path_fails_where_tab_cannot_reach_the_button(browser):
    """The deliberately broken fixture: its submit button is taken out of the Tab order."""
    context = new_context(browser)
    page = context.new_page()
    page.set_content((FIXTURES / "broken_booking.html").read_text())
    with pytest.raises(Unreachable):
        tab_to(page, "form.booking-form button[type=submit]", limit=20)
    context.close()
