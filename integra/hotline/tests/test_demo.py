from io import StringIO

from django.core.management import call_command

from integra.hotline.models import Call, CallBack


def test_the_demo_has_hundreds_of_calls_and_open_call_backs_and_loads_twice(demo_data):
    # demo_data: the demo loaded once (conftest.py); loaded again below
    calls, open_call_backs = Call.objects.count(), CallBack.objects.open().count()
    assert calls >= 300 and open_call_backs >= 4
    assert Call.objects.non_data().exists() and Call.objects.values("language").distinct().count() >= 5
    assert Call.objects.filter(caller_hash="").exclude(kind="conversation").exists()
    call_command("load_demo", stdout=StringIO())
    assert Call.objects.count() == calls and CallBack.objects.open().count() == open_call_backs
