"""Demo knowledge base: 12 articles (English and Bulgarian; four in every interface language),
a demo editor and translator, one outdated translation set for the work list, and printed materials.
Idempotent: an article or material that exists is left alone."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD, DEMO_TOTP_KEY
from integra.accounts.models import User
from integra.centres.models import Centre, Place
from integra.knowledge import services
from integra.knowledge.demo_content import ARTICLES, RELATED
from integra.knowledge.models import Article, Material
from integra.topics.models import Topic

DEMO_USERS = [("editor", roles.EDITOR), ("translator", roles.TRANSLATOR)]


def _demo_user(username: str, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@integra.example")
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.set(Group.objects.filter(name=role))
    TOTPDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
    return user


def _approver() -> User:
    user = User.objects.filter(username="coordinator").first()
    if user is None:
        user = _demo_user("coordinator", roles.COORDINATOR)
    return User.objects.get(pk=user.pk)  # fresh permission cache


def load() -> None:
    for username, role in DEMO_USERS:
        _demo_user(username, role)
    approver = _approver()
    editor = User.objects.get(username="editor")
    created = []
    for slug, topic_slug, texts in ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        source = "en"
        title, summary, body = texts[source]
        article = services.article_create(
            user=editor,
            slug=slug,
            topic=Topic.objects.get(slug=topic_slug),
            source_language=source,
            title=title,
            summary=summary,
            body=body,
        )
        for language in [source, *[code for code in texts if code != source]]:
            title, summary, body = texts[language]
            translation = services.translation_save(
                article=article, language=language, user=editor, title=title, summary=summary, body=body
            )
            services.translation_submit(translation=translation, user=editor)
            services.translation_approve(translation=translation, user=approver)
        created.append(article)
    for a, b in RELATED:
        first, second = Article.objects.filter(slug=a).first(), Article.objects.filter(slug=b).first()
        if first and second:
            first.related.add(second)
    if any(article.slug == "the-centres" for article in created):
        _outdate_one(approver, editor)
    if created:
        # Two articles were last reviewed long ago, so the review-due list has something to show.
        long_ago = timezone.localdate() - timedelta(days=500)
        Article.objects.filter(slug__in=["residence-permits", "social-insurance"]).update(reviewed_on=long_ago)
    _materials(approver)


def _outdate_one(approver: User, editor: User) -> None:
    """A change of the English source of "the-centres": its translations become outdated."""
    article = Article.objects.get(slug="the-centres")
    current = article.translations.get(language="en")
    body = current.body.replace(
        "Opening hours and addresses are on the centres page.",
        "Opening hours and addresses are on the centres page. You can also book a consultation online.",
    )
    translation = services.translation_save(
        article=article, language="en", user=editor, title=current.title, summary=current.summary, body=body
    )
    services.translation_submit(translation=translation, user=editor)
    services.translation_approve(translation=translation, user=approver)


def _materials(user: User) -> None:
    if Material.objects.exists():
        return
    article = Article.objects.filter(slug="health-insurance").first()
    today = timezone.localdate()
    centres = {c.slug: c for c in Centre.objects.all()}
    if not centres:
        return
    leaflets = []
    for language, title in [("ar", "التأمين الصحي"), ("fa", "بیمه درمانی"), ("en", "Health insurance")]:
        leaflets.append(
            services.material_save(
                title=title, kind=Material.Kind.LEAFLET, language=language, edition="2026/1", print_run=1000,
                printed_on=today - timedelta(days=60), article=article,
            )
        )
    poster = services.material_save(
        title="Integra – free help in your language", kind=Material.Kind.POSTER, language="bg", edition="2026/1",
        print_run=200, printed_on=today - timedelta(days=60),
    )
    place = Place.objects.order_by("slug").first()
    for material in [*leaflets, poster]:
        for centre in centres.values():
            services.delivery_record(
                material=material, centre=centre, quantity=material.print_run // 5,
                delivered_on=today - timedelta(days=50), user=user,
            )
        for days, (centre_slug, at_place, organisation, quantity) in enumerate(
            [("sofia", None, "", 40), ("plovdiv", place, "Information day", 25), ("burgas", None, "", 15)]
        ):
            if centre_slug in centres:
                services.distribution_record(
                    material=material, centre=centres[centre_slug], quantity=min(quantity, material.print_run // 5),
                    distributed_on=today - timedelta(days=10 + days * 20), place=at_place,
                    organisation=organisation, user=user,
                )
