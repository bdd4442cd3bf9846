from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Swedish unless the user has chosen another language with the language switch.

    Replaces Django's LocaleMiddleware, which also follows the browser's Accept-Language header:
    a browser set to English would get `<html lang="en">` around Swedish text that has no English
    translation yet (WCAG 3.1.1) and surprise civil servants on English-language computers. Here
    the language comes only from the cookie that `set_language` writes, else LANGUAGE_CODE.
    The project uses no i18n_patterns, so nothing else of LocaleMiddleware is needed.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
