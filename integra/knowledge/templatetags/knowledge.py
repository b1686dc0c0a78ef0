from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def article_title(article) -> str:
    """{{ article|article_title }}: the article named by its title in the page's language, never by its slug."""
    return article.title_for(get_language() or "en")
