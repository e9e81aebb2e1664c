"""``{% change_feed_head as head %}``: the current cursor, where a page's live stream starts."""

from django import template

from sadari.feed.selectors import change_head

register = template.Library()


@register.simple_tag
def change_feed_head() -> str:
    return str(change_head())
