from django.core.management import call_command

from integra.courses.models import Attendance, Certificate, Enrolment, Group


def test_the_demo_runs_groups_past_running_and_upcoming_and_is_idempotent(demo_data):
    # demo_data: the demo loaded once (conftest.py); loaded again below
    counts = (Group.objects.count(), Enrolment.objects.count(), Attendance.objects.count(), Certificate.objects.count())
    assert counts[0] >= 8 and counts[1] > 50 and counts[2] > 200 and counts[3] > 0
    assert Enrolment.objects.filter(status=Enrolment.Status.WAITING).exists()
    for slug in ("sofia", "burgas", "plovdiv", "kardzhali"):
        assert 2 <= Group.objects.filter(centre__slug=slug).count() <= 3
    call_command("load_demo", verbosity=0)
    again = (Group.objects.count(), Enrolment.objects.count(), Attendance.objects.count(), Certificate.objects.count())
    assert again == counts
