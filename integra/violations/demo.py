"""Demo: keys for the demo rights officer (password integra-demo-2026) and two sample reports."""

from integra.accounts.demo import DEMO_PASSWORD
from integra.accounts.models import User
from integra.violations import services
from integra.violations.models import OfficerKey, Report

SAMPLES = [
    {
        "category": Report.Category.HEALTHCARE,
        "city": "sofia",
        "institution_kind": "healthcare",
        "institution": "A polyclinic (demo)",
        "when_text": "last month",
        "description": "Demo report: the reception refused to register me without a Bulgarian ID card.",
        "contact_by": Report.Contact.CHANNEL,
    },
    {
        "category": Report.Category.LABOUR,
        "city": "plovdiv",
        "institution_kind": "",
        "institution": "A farm near Plovdiv (demo)",
        "when_text": "this summer",
        "description": "Demo report: we were not paid for six weeks of work.",
        "contact_by": Report.Contact.NONE,
    },
]


def load() -> None:
    officer = User.objects.filter(username="rights.officer").first()
    if officer is None:
        return
    if not OfficerKey.objects.filter(user=officer).exists():
        services.officer_keys_create(user=officer, password=DEMO_PASSWORD)
    for number, sample in enumerate(SAMPLES):
        services.report_submit(data=sample, submission_key=f"demo-report-{number}")
