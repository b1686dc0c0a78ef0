import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from integra.centres.models import Centre, Institution
from integra.core import pagecache

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_offers_the_hotline_as_a_phone_link_in_every_language(client, reference_data, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="tel:+35929394747"' in body
    assert 'href="tel:+35929394755"' in body
    assert f'<html lang="{lang}" dir="{"rtl" if lang in ("ar", "fa") else "ltr"}">' in body
    with translation.override(lang):
        assert translation.gettext("Find a centre") in body
    for slug in ("sofia", "burgas", "plovdiv", "kardzhali"):
        assert f'href="/{lang}/centres/{slug}/"' in body


def test_the_root_address_sends_visitors_to_a_language(client, db):
    response = client.get("/", headers={"accept-language": "ar"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_the_language_chooser_names_each_language_in_itself_and_keeps_the_page(client, reference_data):
    body = client.get("/en/centres/plovdiv/").content.decode()
    for code, endonym in [
        ("bg", "български"),
        ("ar", "العربيّة"),
        ("fa", "فارسی"),
        ("uk", "Українська"),
        ("tr", "Türkçe"),
    ]:
        assert f'<a href="/{code}/centres/plovdiv/" lang="{code}" hreflang="{code}">{endonym}</a>' in body


def test_a_centre_page_shows_address_hours_languages_and_phone_in_the_visitors_language(client, reference_data):
    body = client.get("/bg/centres/plovdiv/").content.decode()
    assert "Информационен център за имигранти – Пловдив" in body
    assert "ул. „Княз Александър I“ 5, Пловдив" in body
    assert 'href="tel:+35932620130"' in body
    assert "09:00–17:30" in body
    assert "العربية" in body  # Arabic is spoken there, named in Arabic
    with translation.override("bg"):
        assert translation.gettext("Closed") in body  # Saturday and Sunday


def test_a_centre_name_missing_in_a_language_falls_back_to_english(client, reference_data):
    centre = Centre.objects.get(slug="burgas")
    del centre.name["tr"]
    centre.save()
    assert "Information Centre for Immigrants – Burgas" in client.get("/tr/centres/burgas/").content.decode()


def test_an_unknown_centre_is_a_404_page_in_the_visitors_language(client, reference_data):
    response = client.get("/fa/centres/atlantis/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in body
    with translation.override("fa"):
        assert translation.gettext("Page not found") in body


def test_the_centre_list_costs_the_same_queries_whatever_the_number_of_centres(client, reference_data, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the uncached path: what the view itself costs
    client.get("/en/centres/")  # warm the hotline cache
    pagecache.bump_content_version()  # both requests below make the page's main part (a fragment) anew
    with CaptureQueriesContext(connection) as four:
        client.get("/en/centres/")
    source = Centre.objects.get(slug="sofia")
    for i in range(20):
        clone = Centre.objects.create(slug=f"town-{i}", name={"en": f"Town {i}"}, address={"en": "Street"})
        clone.services.set(source.services.all())
    with CaptureQueriesContext(connection) as twenty_four:
        response = client.get("/en/centres/")
    assert "Town 19" in response.content.decode()
    assert len(twenty_four) == len(four)


def test_the_institutions_directory_filters_by_kind_and_topic(client, reference_data):
    body = client.get("/en/institutions/?kind=education").content.decode()
    assert "Regional Education Office – Plovdiv" in body
    assert "National Health Insurance Fund" not in body
    body = client.get("/en/institutions/?topic=discrimination").content.decode()
    assert "Commission for Protection against Discrimination" in body
    assert "Employment Agency" not in body


def test_the_directory_shows_the_bulgarian_name_next_to_a_translation(client, reference_data):
    body = client.get("/en/institutions/?kind=health_insurance").content.decode()
    assert "National Health Insurance Fund" in body
    assert '<span lang="bg">Национална здравноосигурителна каса</span>' in body


@pytest.mark.parametrize("query", ["kind=nonsense", "topic=%00%01", "page=abc", "page=99999", "kind=" + "x" * 5000])
def test_bad_directory_filters_get_an_answer_never_a_server_error(client, reference_data, query):
    response = client.get(f"/en/institutions/?{query}")
    assert response.status_code == 200


def test_an_invalid_filter_is_explained_in_the_visitors_language(client, reference_data):
    body = client.get("/uk/institutions/?kind=nonsense").content.decode()
    assert 'class="error-summary"' in body


def test_the_directory_paginates_with_a_constant_number_of_queries(client, reference_data, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the uncached path: what the view itself costs
    client.get("/en/institutions/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/institutions/")
    Institution.objects.bulk_create(
        Institution(slug=f"office-{i}", kind="other", name={"en": f"Office {i}"}, city={"en": "Sofia"})
        for i in range(300)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/institutions/?page=3")
    assert "Page 3 of" in response.content.decode()
    assert len(many) == len(few)


def test_switching_language_keeps_the_filters_of_the_page(client, reference_data):
    body = client.get("/en/institutions/?kind=education&page=1").content.decode()
    assert 'href="/ar/institutions/?kind=education&amp;page=1"' in body
