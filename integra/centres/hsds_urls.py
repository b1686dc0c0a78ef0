"""/hsds/: the service directory as Open Referral HSDS 3 (not language-prefixed; see hsds.py)."""

from django.urls import path

from integra.centres import hsds

app_name = "hsds"
urlpatterns = [
    path("", hsds.root, name="root"),
    path("openapi.json", hsds.openapi, name="openapi"),
    path("export.zip", hsds.export, name="export"),
    path("services", hsds.service_list, name="services"),
    path("services/<str:id>", hsds.service_detail, name="service"),
    path("organizations", hsds.organization_list, name="organizations"),
    path("organizations/<str:id>", hsds.organization_detail, name="organization"),
    path("service_at_locations", hsds.service_at_location_list, name="service_at_locations"),
    path("service_at_locations/<str:id>", hsds.service_at_location_detail, name="service_at_location"),
    path("taxonomies", hsds.taxonomy_list, name="taxonomies"),
    path("taxonomy_terms", hsds.taxonomy_term_list, name="taxonomy_terms"),
]
