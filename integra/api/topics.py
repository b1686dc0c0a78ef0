from ninja import Router

from integra.api.permissions import public
from integra.api.schemas import TopicOut
from integra.topics.models import Topic

router = Router(tags=["topics"])


@router.get("", response=list[TopicOut], summary="The shared topics, with their names in every language")
@public
def list_topics(request):
    return Topic.objects.active()
