"""`Cache-Control: no-store` on every back-office page and every authenticated API response (issue 9, finding 6).

One rule at the root instead of a decorator per view: whatever a staff URL or a staff API operation
returns (a page, an export, a redirect, an error) is never kept by a browser, a proxy or a shared
computer's cache. Public anonymous pages keep whatever caching their views chose.
"""

import re

from django.utils.cache import add_never_cache_headers

# /staff/… with or without a language prefix (/en/staff/, /pt-br/staff/), and the Django admin.
BACK_OFFICE_PATH = re.compile(r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)?/)?(?:staff|admin)(?:/|$)", re.IGNORECASE)
API_PREFIX = "/api/"


def is_staff_request(request) -> bool:
    path = request.path_info
    if BACK_OFFICE_PATH.match(path):
        return True
    # The API authenticates by token: any request that carries credentials may get personal data back.
    return path.startswith(API_PREFIX) and "HTTP_AUTHORIZATION" in request.META


class StaffNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_staff_request(request):
            add_never_cache_headers(response)
        return response
