"""`/healthz`: what a load balancer asks before sending a request to this app server.

200 「ok」 while this process serves requests. It does not query the database on purpose: every
app server shares the one database, so when it is unreachable no other server would do better,
and each must keep answering people with its own 503 page in Chinese (chaiqin/dbguard.py)
rather than be taken out of the pool, which would leave only the balancer's error page.
No session, no log-in, no template: it stays cheap.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
