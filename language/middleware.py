from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .furigana import add_ruby
from .glossary import glossary, mark_page
from .locales import is_easy


class FuriganaMiddleware:
    """Furigana on every kanji of an easy-Japanese page: content, menus and UI strings alike.

    Works on the rendered HTML so that no template has to remember it. Whether the visitor
    sees it is a CSS class (see base.html), so the markup is the same for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_easy()
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
            and not request.path.startswith("/admin/")
        ):
            # The furigana cookie turns the ruby on or off (a class on <html>): two variants of the page.
            patch_vary_headers(response, ("Cookie",))
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            html = response.content.decode(response.charset)
            head, sep, body = html.partition("<body")
            if sep:
                response.content = (head + sep + add_ruby(body)).encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response


class GlossaryMiddleware:
    """The first use of each glossary term on a page, marked with its definition (language/glossary.py).

    Below FuriganaMiddleware in settings.MIDDLEWARE, so it sees the page first and the definitions
    it adds get furigana on easy pages too; marking reads through ruby either way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
            and not request.path.startswith("/admin/")
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            html = response.content.decode(response.charset)
            if "<main" in html:
                marked = mark_page(html, glossary(get_language()))
                if marked is not html:
                    response.content = marked.encode(response.charset)
                    if response.has_header("Content-Length"):
                        response["Content-Length"] = str(len(response.content))
        return response
