from ninja import Router

from integra.api.auth import StaffToken
from integra.api.permissions import any_staff
from integra.api.schemas import Error, MeOut

router = Router(tags=["staff"], auth=StaffToken())


@router.get("", response={200: MeOut, 401: Error}, summary="Who the token acts as")
@any_staff
def whoami(request):
    user = request.auth
    return {
        "username": user.username,
        "roles": sorted(user.roles),
        "centres": sorted(user.centre_slugs),
        "network_wide": user.is_network_wide,
    }
