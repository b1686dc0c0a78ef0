"""Shared fixtures, and the shared data layers that keep them cheap.

Most tests start from the same rows: the reference data (topics, services, centres, hotlines, places,
institutions), often one named user per role and centre on top (`staff`), a few the whole demo data.
Building them for each test cost ~0.5 s of CPU (a demo load ~8 s), so each pytest process builds them
once and keeps them in an open transaction (a "layer"), and each test runs in a savepoint inside it,
rolled back afterwards as before: every test still starts from exactly the rows it asked for.

- A test gets the layer that its fixtures name (see LAYERS); a test that names none of them, and every
  transactional test (transactional_db, live_server, django_db(transaction=True)), gets an empty database:
  the layers are rolled back first, and built again (once) when a later test asks for them.
- The rows are the same as a per-test build would make; only their creation time is earlier. Python
  objects are never shared: `staff` reads its users again for each test.
- INTEGRA_TEST_SHARED_LAYERS=0 builds everything per test again (to rule the layers out when a test fails).
"""

import os

import pytest

from tests.base import load_reference_data, make_staff, staff_users

SHARED_LAYERS = os.environ.get("INTEGRA_TEST_SHARED_LAYERS", "1") != "0"


def _build_demo():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


def _build_dead_ends_content():
    from integra.clients import demo as clients_demo
    from integra.consultations import demo as consultations_demo
    from integra.forum import demo as forum_demo
    from integra.knowledge import demo as knowledge_demo

    knowledge_demo.load()
    clients_demo.load()
    consultations_demo.load()
    forum_demo.load()


# A layer is built in steps, each in its own savepoint: a test asking for `staff` after one that asked for
# `reference_data` only adds the users. Fixture name -> the steps of its layer.
STEPS = {
    "reference": load_reference_data,
    "staff": make_staff,
    "dead_ends_content": _build_dead_ends_content,
    "demo": _build_demo,
}
LAYERS = {
    "reference_data": ("reference",),
    "staff": ("reference", "staff"),
    "dead_ends_content": ("reference", "staff", "dead_ends_content"),
    "demo_data": ("demo",),
}


class Layers:
    """The steps built so far on this process's test database, each an open atomic block."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.steps: list[str] = []
        self.atomics = []

    def switch(self, wanted: tuple[str, ...], test: str) -> None:
        if self.steps and not self._intact():
            self._recover(test)
        common = 0
        while common < min(len(self.steps), len(wanted)) and self.steps[common] == wanted[common]:
            common += 1
        if common == len(self.steps) == len(wanted):
            return
        from django.db import transaction

        with self.blocker.unblock():
            while len(self.steps) > common:
                self._rollback_last()
            for step in wanted[common:]:
                atomic = transaction.atomic()
                atomic._from_testcase = True  # as Django's TestCase marks its own: durable blocks may nest inside
                atomic.__enter__()
                self.atomics.append(atomic)
                self.steps.append(step)
                STEPS[step]()

    def _intact(self) -> bool:
        """Whether the layer's atomic blocks are still open on the connection (nothing else ended them)."""
        from django.db import connection

        return connection.in_atomic_block and all(atomic in connection.atomic_blocks for atomic in self.atomics)

    def _recover(self, test: str) -> None:
        """Something ended the layer's transaction (and may have committed its rows): empty the database."""
        import warnings

        from django.core.management import call_command
        from django.db import connection

        warnings.warn(f"shared test data layer {self.steps} lost before {test}: database flushed", stacklevel=2)
        with self.blocker.unblock():
            while connection.atomic_blocks:
                connection.atomic_blocks.pop()
            connection.in_atomic_block = False
            connection.savepoint_ids = []
            connection.needs_rollback = connection.closed_in_transaction = False
            if not connection.get_autocommit():
                connection.rollback()
                connection.set_autocommit(True)
            call_command("flush", interactive=False, verbosity=0)
        self.steps, self.atomics = [], []

    def _rollback_last(self) -> None:
        from django.db import transaction

        transaction.set_rollback(True)
        self.atomics.pop().__exit__(None, None, None)
        self.steps.pop()

    def close(self) -> None:
        with self.blocker.unblock():
            while self.steps:
                self._rollback_last()


@pytest.fixture(scope="session")
def _shared_layers(django_db_setup, django_db_blocker):
    layers = Layers(django_db_blocker)
    yield layers
    layers.close()


def _wanted_layer(request) -> tuple[str, ...]:
    """The layer for the test: the longest that its fixtures name; none for a transactional test."""
    from pytest_django.fixtures import validate_django_db

    names = request.fixturenames
    transactional = "transactional_db" in names or "live_server" in names or "django_db_reset_sequences" in names
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional or not SHARED_LAYERS:
        return ()
    wanted = ()
    for fixture, layer in LAYERS.items():
        if fixture in names and len(layer) > len(wanted):
            wanted = layer
    return wanted


@pytest.fixture
def _shared_layer(request, _shared_layers):
    """This test's layer, made current before its database fixture (see the module's docstring)."""
    _shared_layers.switch(_wanted_layer(request), request.node.nodeid)


@pytest.fixture
def _django_db_helper(_shared_layer, _django_db_helper):
    """pytest-django's database fixture (db, transactional_db, the django_db mark), entered inside the layer."""
    yield


@pytest.fixture
def reference_data(db, _shared_layers):
    """Topics, services, the four centres, hotlines, places and institutions."""
    if "reference" not in _shared_layers.steps:
        load_reference_data()


@pytest.fixture
def staff(reference_data, _shared_layers):
    """One named user per role and centre: staff["consultant.sofia"], staff["coordinator"] …"""
    if "staff" not in _shared_layers.steps:
        return make_staff()
    return staff_users()


@pytest.fixture
def dead_ends_content(staff, _shared_layers):
    """On top of `staff`: the demo's articles, client files, consultations and questions (tests/test_no_dead_ends)."""
    if "dead_ends_content" not in _shared_layers.steps:
        _build_dead_ends_content()


@pytest.fixture
def demo_data(db, _shared_layers):
    """The whole demo data (`manage.py load_demo`), loaded once."""
    if "demo" not in _shared_layers.steps:
        _build_demo()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits, login delays and cached pages live in the cache: no test sees another's."""
    from django.core.cache import cache

    from integra.core.pagecache import memory

    cache.clear()
    memory.clear()
    yield
    cache.clear()
    memory.clear()
