from django import template

from chaiqin.web.templatetags.roc import dhm

register = template.Library()
# The one duration filter of the project (chaiqin.web.templatetags.roc), under the name leave pages load.
register.filter("dhm", dhm)
