from django.db import models
from django.utils.translation import gettext_lazy as _

from integra.core.i18n import pick


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Topic(models.Model):
    """The one shared taxonomy: consultations, articles, questions, calls and figures all use it."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("The name in each language, by language code."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return pick(self.name) or self.slug
