"""The forum's indicators for the figures app: questions asked and questions answered within the target."""

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.figures.counting import Row, Scope, Value, breakdown_expression, count, in_scope, row_key
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, register
from integra.forum.models import Question
from integra.forum.services import add_working_days

BREAKDOWNS = {B.TOPIC: "topic", B.LANGUAGE: "language"}
TIME = (B.MONTH, B.QUARTER, B.YEAR)


def asked():
    return Question.objects.exclude(status__in=(Question.Status.SPAM, Question.Status.MERGED))


@register(
    code="net.questions",
    group=Group.NETWORK,
    unit=Unit.CONTACTS,
    name=_("Questions asked online"),
    definition=_("Questions sent to the forum in the period, spam and duplicates merged into another left out."),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.TOPIC, B.LANGUAGE),
    network_only=True,
    order=50,
)
def questions(scope: Scope):
    return count(asked(), scope, date_field="created_at", centre_field=None, breakdowns=BREAKDOWNS)


@register(
    code="net.questions_in_target",
    group=Group.NETWORK,
    unit=Unit.SHARE,
    name=_("Questions answered within the target"),
    definition=_(
        "Of the questions published in the period, those first answered within the target number of "
        "working days after publication."
    ),
    source=_("The network's own indicator."),
    breakdowns=(*TIME, B.TOPIC, B.LANGUAGE),
    network_only=True,
    order=51,
)
def questions_in_target(scope: Scope):
    queryset = in_scope(
        Question.objects.filter(status=Question.Status.PUBLISHED), scope, date_field="created_at", centre_field=None
    )
    expression = breakdown_expression(
        queryset, scope, date_field="created_at", breakdowns=BREAKDOWNS, centre_field=None
    )
    fields = ["created_at", "published_at", "first_answered_at"]
    if expression is not None:
        queryset = queryset.annotate(k=F(expression) if isinstance(expression, str) else expression)
        fields.append("k")
    target = settings.FORUM_ANSWER_TARGET_WORKING_DAYS
    result = Value(of=0)
    rows: dict[str, Row] = {}

    for values in queryset.values_list(*fields).order_by():
        created, published, answered = values[:3]
        within = bool(answered) and answered <= add_working_days(timezone.localtime(published or created), target)
        result.of += 1
        result.total += int(within)
        if expression is not None:
            key = row_key(scope, values[3])
            row = rows.setdefault(key, Row(key=key, value=0, of=0))
            row.of += 1
            row.value += int(within)
    result.rows = sorted(rows.values(), key=lambda r: r.key)
    return result
