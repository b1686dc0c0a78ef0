"""Staff roles (DESIGN.md §1) as groups, each with the permissions it needs.

Later capabilities add their permissions here, next to the role that needs them.
"""

from django.utils.translation import gettext_lazy as _

CONSULTANT = "consultant"
CENTRE_MANAGER = "centre_manager"
TRAINER = "trainer"
MEDIATOR = "mediator"
PARTNER = "partner"
MODERATOR = "moderator"
RIGHTS_OFFICER = "rights_officer"
COORDINATOR = "coordinator"
ADMINISTRATOR = "administrator"

ROLE_LABELS = {
    CONSULTANT: _("Consultant"),
    CENTRE_MANAGER: _("Centre manager"),
    TRAINER: _("Trainer"),
    MEDIATOR: _("Mediator or interpreter"),
    PARTNER: _("Partner institution"),
    MODERATOR: _("Moderator"),
    RIGHTS_OFFICER: _("Rights officer"),
    COORDINATOR: _("Coordinator"),
    ADMINISTRATOR: _("Administrator"),
}
STAFF_ROLES = tuple(ROLE_LABELS)

# Roles that see every centre; every other role sees only the centres it is tied to.
NETWORK_ROLES = frozenset({COORDINATOR, ADMINISTRATOR})
# Roles whose work is tied to centres (the demo data has one of each per centre).
CENTRE_ROLES = (CONSULTANT, CENTRE_MANAGER, TRAINER, MEDIATOR)

# "app_label.codename" permissions per role.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    CONSULTANT: [],
    CENTRE_MANAGER: ["centres.change_centre"],
    TRAINER: [],
    MEDIATOR: [],
    PARTNER: [],
    MODERATOR: [],
    RIGHTS_OFFICER: [],
    COORDINATOR: ["centres.change_centre"],
    ADMINISTRATOR: [
        "centres.change_centre",
        "centres.add_institution",
        "centres.change_institution",
        "accounts.view_user",
        "accounts.change_user",
    ],
}
