from ninja.security import HttpBearer

from integra.accounts.services import api_token_authenticate


class StaffToken(HttpBearer):
    """Personal API tokens ("Authorization: Bearer itg_…"): the call acts with its owner's roles and centres."""

    openapi_description = "A personal API token, created in the back office under API tokens."

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is None or not user.is_staff_member:
            return None
        request.user = user
        return user
