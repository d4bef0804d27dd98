import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the seeded site, as `make run` would have it."""
    with django_db_blocker.unblock():
        call_command("seed_content", verbosity=0)
