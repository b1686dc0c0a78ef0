from integra.accounts import demo as accounts_demo
from integra.clients import demo as clients_demo
from integra.clients.models import Client
from integra.consultations import demo
from integra.consultations.models import Appointment, Consultation


def test_the_demo_has_a_few_hundred_consultations_everywhere_and_a_second_run_adds_nothing(reference_data):
    accounts_demo.load()
    clients_demo.load()
    demo.load()
    consultations = Consultation.objects.all()
    assert consultations.count() == demo.TOTAL
    assert set(consultations.values_list("centre__slug", flat=True)) == {"sofia", "plovdiv", "burgas", "kardzhali"}
    assert set(consultations.values_list("channel", flat=True)) == {"in_person", "phone", "online", "outreach"}
    assert len({(d.year, d.month) for d in consultations.values_list("held_on", flat=True)}) >= 12
    assert consultations.filter(client__isnull=False).exists() and consultations.filter(client__isnull=True).exists()
    bookings, clients = Appointment.objects.count(), Client.objects.count()
    clients_demo.load()
    demo.load()
    assert Consultation.objects.count() == demo.TOTAL and Appointment.objects.count() == bookings
    assert Client.objects.count() == clients == 48
