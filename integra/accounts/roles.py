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
EDITOR = "editor"
TRANSLATOR = "translator"
EXPERT = "expert"

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
    EDITOR: _("Content editor"),
    TRANSLATOR: _("Translator"),
    EXPERT: _("Expert (volunteer)"),
}
STAFF_ROLES = tuple(ROLE_LABELS)

# Roles that see every centre; every other role sees only the centres it is tied to.
NETWORK_ROLES = frozenset({COORDINATOR, ADMINISTRATOR})
# Roles that reach client files, consultation notes or violation reports (or grant them): only a
# superuser may grant one of these (integra.accounts.admin), so no administrator can give it alone.
SENSITIVE_ROLES = frozenset({CONSULTANT, CENTRE_MANAGER, RIGHTS_OFFICER, COORDINATOR, ADMINISTRATOR})
# Roles whose work is tied to centres (the demo data has one of each per centre).
CENTRE_ROLES = (CONSULTANT, CENTRE_MANAGER, TRAINER, MEDIATOR)

# "app_label.codename" permissions per role.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    CONSULTANT: ["knowledge.add_distribution"],
    CENTRE_MANAGER: ["centres.change_centre", "knowledge.add_distribution", "knowledge.add_delivery"],
    TRAINER: [],
    MEDIATOR: [],
    PARTNER: [],
    MODERATOR: [],
    RIGHTS_OFFICER: ["violations.add_report", "violations.view_report_statistics"],
    COORDINATOR: [
        "centres.change_centre",
        *("knowledge." + p for p in ("add_article", "change_article", "change_articletranslation")),
        *("knowledge." + p for p in ("approve_articletranslation", "review_article", "view_articlefeedback")),
        *("knowledge." + p for p in ("add_material", "change_material", "add_delivery", "add_distribution")),
    ],
    # Knowledge base: editors write and keep articles current, translators translate; coordinators approve.
    EDITOR: [
        *("knowledge." + p for p in ("add_article", "change_article", "change_articletranslation")),
        *("knowledge." + p for p in ("review_article", "view_articlefeedback", "add_material", "change_material")),
    ],
    TRANSLATOR: ["knowledge.change_articletranslation"],
    ADMINISTRATOR: [
        "centres.change_centre",
        "centres.add_institution",
        "centres.change_institution",
        "accounts.view_user",
        "accounts.change_user",
    ],
}

# Consultations, client files and booking (issue 3): staff of a centre work its cases; coordinators all.
_CASE_WORK = [
    "clients.view_client",
    "clients.add_client",
    "clients.change_client",
    "consultations.view_consultation",
    "consultations.add_consultation",
    "consultations.change_consultation",
    "consultations.view_appointment",
    "consultations.change_appointment",
]
ROLE_PERMISSIONS[CONSULTANT] += _CASE_WORK
ROLE_PERMISSIONS[CENTRE_MANAGER] += [
    *_CASE_WORK,
    "clients.override_sharing",
    "clients.export_client",
    "consultations.change_rota",
]
ROLE_PERMISSIONS[COORDINATOR] += [*_CASE_WORK, "clients.export_client"]

# Violation reports (issue 6): reading is tied to the rights_officer role and a key, never a permission.
# Consultants and centre managers may take a report on someone's behalf (and cannot read it afterwards).
ROLE_PERMISSIONS[CONSULTANT] += ["violations.add_report"]
ROLE_PERMISSIONS[CENTRE_MANAGER] += ["violations.add_report"]
ROLE_PERMISSIONS[COORDINATOR] += ["violations.view_report_statistics"]

# Questions and answers (issue 5): consultants and volunteer experts answer, moderators moderate and
# accept answers, coordinators and moderators see the figures.
ROLE_PERMISSIONS[EXPERT] = ["forum.answer_question"]
ROLE_PERMISSIONS[CONSULTANT] += ["forum.answer_question"]
ROLE_PERMISSIONS[MODERATOR] += ["forum.moderate_question", "forum.view_forum_figures"]
ROLE_PERMISSIONS[COORDINATOR] += ["forum.view_forum_figures"]

# Hotline (issue 12): consultants, mediators on duty and managers answer the line and call back;
# managers and coordinators also keep the line's hours and see its figures.
_HOTLINE_WORK = [
    "hotline.add_call",
    "hotline.view_call",
    "hotline.change_call",
    "hotline.view_callback",
    "hotline.change_callback",
]
ROLE_PERMISSIONS[CONSULTANT] += _HOTLINE_WORK
ROLE_PERMISSIONS[MEDIATOR] += _HOTLINE_WORK
ROLE_PERMISSIONS[CENTRE_MANAGER] += [*_HOTLINE_WORK, "hotline.add_lineday", "hotline.view_hotline_figures"]
ROLE_PERMISSIONS[COORDINATOR] += [*_HOTLINE_WORK, "hotline.add_lineday", "hotline.view_hotline_figures"]

# Events (issue 15): centre managers and coordinators organise; the centre's staff and volunteers check
# people in at the door and keep the door tally.
_EVENT_DOOR = [
    "events.view_event",
    "events.view_registration",
    "events.add_registration",
    "events.change_registration",
    "events.change_tallycount",
]
_EVENT_ORGANISER = [*_EVENT_DOOR, "events.add_event", "events.change_event"]
ROLE_PERMISSIONS[CONSULTANT] += _EVENT_DOOR
ROLE_PERMISSIONS[TRAINER] += _EVENT_DOOR
ROLE_PERMISSIONS[MEDIATOR] += _EVENT_DOOR
ROLE_PERMISSIONS[CENTRE_MANAGER] += _EVENT_ORGANISER
ROLE_PERMISSIONS[COORDINATOR] += _EVENT_ORGANISER
# After an event the same people enter the paper sign-in sheet and the paper feedback cards' tallies, and
# read the "was this useful?" answers.
_EVENT_AFTER = ["events.view_feedback", "events.change_paperattendance", "events.change_paperfeedback"]
for _role in (CONSULTANT, TRAINER, MEDIATOR, CENTRE_MANAGER, COORDINATOR):
    ROLE_PERMISSIONS[_role] += _EVENT_AFTER

# Courses (issue 14): trainers keep their groups' registers, levels and certificates; the centre's staff
# enrol people at the desk; centre managers and coordinators also plan courses and groups.
_COURSE_DESK = ["courses.view_group", "courses.view_enrolment", "courses.add_enrolment", "courses.change_enrolment"]
_COURSE_TRAINING = [*_COURSE_DESK, "courses.add_attendance", "courses.change_attendance", "courses.add_certificate"]
_COURSE_PLANNING = [*_COURSE_TRAINING, "courses.add_group", "courses.change_group", "courses.change_certificate"]
ROLE_PERMISSIONS[CONSULTANT] += _COURSE_DESK
ROLE_PERMISSIONS[TRAINER] += _COURSE_TRAINING
ROLE_PERMISSIONS[CENTRE_MANAGER] += [*_COURSE_PLANNING, "courses.view_course_figures"]
ROLE_PERMISSIONS[COORDINATOR] += [
    *_COURSE_PLANNING,
    "courses.view_course_figures",
    "courses.add_course",
    "courses.change_course",  # the network's courses and their texts in every language
]

# Interpreting and cultural mediation (issue 13): partners and consultants ask for an interpreter;
# centre managers and coordinators keep the registry, confirm interpreters and send offers; mediators
# keep their own availability and log their sessions.
_INTERPRETING_ASK = [
    "interpreting.view_request",
    "interpreting.add_request",
    "interpreting.cancel_request",
    "interpreting.add_feedback",
]
_INTERPRETING_DESK = [
    *_INTERPRETING_ASK,
    "interpreting.change_request",
    "interpreting.confirm_request",
    "interpreting.view_mediator",
    "interpreting.add_mediator",
    "interpreting.change_mediator",
    "interpreting.add_session",
    "interpreting.view_interpreting_figures",
]
ROLE_PERMISSIONS[PARTNER] += _INTERPRETING_ASK
ROLE_PERMISSIONS[CONSULTANT] += _INTERPRETING_ASK
ROLE_PERMISSIONS[CENTRE_MANAGER] += _INTERPRETING_DESK
ROLE_PERMISSIONS[COORDINATOR] += _INTERPRETING_DESK
ROLE_PERMISSIONS[MEDIATOR] += [
    "interpreting.view_request",
    "interpreting.edit_own_availability",
    "interpreting.add_session",
    "interpreting.add_feedback",
]

# Figures (issue 18): coordinators see every centre with exact numbers and edit the indicators' names,
# definitions and targets; centre managers see their centres, small cells suppressed.
ROLE_PERMISSIONS[CENTRE_MANAGER] += ["figures.view_figures"]
ROLE_PERMISSIONS[COORDINATOR] += ["figures.view_figures", "figures.change_indicatorsetting"]
# Reporting periods (issue 18 item 7): only coordinators close a period and record corrections.
ROLE_PERMISSIONS[COORDINATOR] += ["figures.close_period"]
