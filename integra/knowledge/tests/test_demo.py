import pytest

from integra.accounts import demo as accounts_demo
from integra.knowledge import demo
from integra.knowledge.models import Article, ArticleTranslation, Distribution, Material

pytestmark = pytest.mark.django_db


def test_the_demo_has_twelve_published_articles_four_in_every_language_and_loads_twice_without_duplicates(
    reference_data,
):
    accounts_demo.load()
    demo.load()
    counts = (Article.objects.count(), ArticleTranslation.objects.count(), Material.objects.count(),
              Distribution.objects.count())
    demo.load()
    assert counts == (
        Article.objects.count(), ArticleTranslation.objects.count(), Material.objects.count(),
        Distribution.objects.count(),
    )
    assert Article.objects.count() >= 12
    for article in Article.objects.prefetch_related("translations"):
        assert {"en", "bg"} <= set(article.published_languages())
    everywhere = [a for a in Article.objects.prefetch_related("translations") if len(a.published_languages()) == 7]
    assert len(everywhere) >= 4
    assert ArticleTranslation.objects.filter(is_outdated=True).exists()
    assert Article.objects.review_due().exists()
