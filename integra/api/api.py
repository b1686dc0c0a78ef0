"""The REST API under /api/v1/ (OpenAPI 3 at /api/v1/openapi.json). One module per domain."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from integra.api import appointments, centres, clients, consultations, forum, knowledge, me, topics, violations
from integra.api.permissions import ANY_STAFF, PUBLIC, declaration
from integra.courses import api as courses_api
from integra.events import api as events_api
from integra.figures import api as figures_api
from integra.hotline import api as hotline_api
from integra.interpreting import api as interpreting_api
from integra.interpreting import phone_api as interpreting_phone_api


class IntegraAPI(NinjaAPI):
    """NinjaAPI that writes each operation's declared permission into the OpenAPI document."""

    def operations(self):
        """(method, path, operation) for every operation of every router."""
        for prefix, router in self._routers:
            for path, path_view in router.path_operations.items():
                for operation in path_view.operations:
                    for method in operation.methods:
                        yield method, f"/api/v1{prefix}{path}".rstrip("/") or "/", operation

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        declared = {self.get_openapi_operation_id(op): declaration(op.view_func) for _m, _p, op in self.operations()}
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                value = declared.get(operation.get("operationId"))
                if value == PUBLIC:
                    operation["x-integra-public"] = True
                elif value is not None:
                    operation["x-integra-permission"] = value if value == ANY_STAFF else list(value)
        return schema


api = IntegraAPI(
    title="Integra API",
    version="1.0.0",
    description=(
        "Public read access to centres, institutions and topics; staff operations with a personal "
        "API token (Authorization: Bearer itg_…), scoped by the owner's role and centres."
    ),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": "Invalid request.", "errors": exc.errors}, status=422)


api.add_router("/centres", centres.router)
api.add_router("/institutions", centres.institutions_router)
api.add_router("/topics", topics.router)
api.add_router("/hotlines", centres.hotlines_router)
api.add_router("/me", me.router)
api.add_router("/clients", clients.router)
api.add_router("/consultations/appointments", appointments.router)
api.add_router("/consultations", consultations.router)
api.add_router("/knowledge", knowledge.router)
api.add_router("/forum", forum.router)
api.add_router("/violations", violations.router)
api.add_router("/hotline", hotline_api.router)
api.add_router("/events", events_api.router)
api.add_router("/courses", courses_api.router)
api.add_router("/interpreting/phone", interpreting_phone_api.router)  # before /interpreting
api.add_router("/interpreting", interpreting_api.router)
api.add_router("/figures", figures_api.router)
