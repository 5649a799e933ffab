"""`Authorization: Bearer <token>` for the REST API: the request acts as the token's owner.

No CSRF check: a browser never sends this header by itself to another site, so a forged page
cannot use it (the session cookie, which a browser does send, keeps its CSRF check). A token
in the URL is refused outright: URLs end up in proxy logs, browser history and Referer headers.
"""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from .services import TokenRefused, token_use

# Names under which a token might be put in a query string by mistake.
QUERY_NAMES = ("token", "access_token", "api_token", "api_key", "apikey", "bearer")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def refuse_token_in_url(request) -> None:
    if any(name in request.GET for name in QUERY_NAMES):
        raise TokenRefused("API 權杖不可放在網址中（會留在紀錄與瀏覽歷程），請改用 Authorization: Bearer 標頭，"
                           "並撤銷已外洩的權杖。")


class ApiTokenAuth(HttpBearer):
    openapi_description = ("API 權杖：於「API 權杖」頁面建立，以 `Authorization: Bearer <權杖>` 送出，"
                           "代表建立者本人的權限；唯讀權杖不能執行寫入。權杖不可放在網址中。")

    def __call__(self, request):
        refuse_token_in_url(request)
        return super().__call__(request)

    def authenticate(self, request, token):
        item = token_use(token=token.strip(), write=request.method not in SAFE_METHODS)
        # Everything downstream (permissions, services) sees the owner, as with a session.
        request.user = item.owner
        request.api_token = item
        return item


class BrowserSession(SessionAuth):
    openapi_description = "已登入的瀏覽器工作階段（sessionid cookie）；會改變資料的請求須附 X-CSRFToken 標頭。"

    def __call__(self, request):
        refuse_token_in_url(request)  # also where only a session is taken: the token has leaked either way
        return super().__call__(request)
