"""The one PDF renderer: a Django template → HTML → WeasyPrint → PDF bytes.

Rendering never touches the network: every URL the document asks for (fonts, stylesheets,
images) goes through `StaticOnlyFetcher`, which answers only with the project's own static files
and refuses everything else, stopping the rendering (a refused resource is a bug in a template,
never something to skip silently). Templates extend `templates/pdf/base.html` and refer to static
files with `{% static %}`. User text reaches the PDF only through the template's auto-escaping.

WeasyPrint is imported inside the functions so that web pages do not load it.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

#: The documents' base URL. It names no real host: a relative or root-relative reference such as
#: `/static/fonts/NotoSans-Regular.woff2` becomes `https://pdf.udavtal.invalid/static/...`, which
#: the fetcher maps to a file on disk. Anything else is refused.
BASE_URL = "https://pdf.udavtal.invalid/"

#: Where a document finds the SVG images (charts) made for it and passed to `render_pdf(images=…)`.
#: Charts as images rather than inline SVG: WeasyPrint parses them with its XML parser instead of
#: the (much slower) HTML parser, and an `<img alt="…">` becomes a tagged Figure with alternative
#: text in the PDF/UA structure tree.
GENERATED_PREFIX = "/_generated/"


class PdfRenderError(RuntimeError):
    """The document could not be rendered (e.g. it asked for a resource that is not allowed)."""


def _static_path(url: str) -> Path | None:
    """The local file behind a static URL of the document, or None if the URL is not one."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(static_prefix):
        return None
    relative = posixpath.normpath(unquote(parts.path[len(static_prefix) :]))
    if relative.startswith(("..", "/")) or "\x00" in relative or relative == ".":
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
    root = Path(settings.STATIC_ROOT).resolve()
    if candidate.is_file() and root in candidate.parents:
        return candidate
    return None


def generated_url(name: str) -> str:
    """The URL by which a document refers to one of the images passed to `render_pdf`."""
    return GENERATED_PREFIX + name


def _generated_name(url: str) -> str | None:
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
        return None
    if not parts.path.startswith(GENERATED_PREFIX):
        return None
    return unquote(parts.path[len(GENERATED_PREFIX) :])


def _fetcher(images: Mapping[str, str] | None = None):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    generated = dict(images or {})

    class StaticOnlyFetcher(URLFetcher):
        """Answers with local static files and the document's own generated SVG images only;
        anything else stops the rendering."""

        def __init__(self):
            super().__init__(allowed_protocols=("https",), fail_on_errors=True)

        def fetch(self, url, headers=None):
            name = _generated_name(url)
            if name is not None and name in generated:
                return URLFetcherResponse(
                    url,
                    generated[name].encode("utf-8"),
                    headers={"Content-Type": "image/svg+xml"},
                )
            path = _static_path(url)
            if path is None:
                raise ValueError(f"refused to fetch {url!r}: not a local static file")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix == ".woff2":
                mime_type = "font/woff2"
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime_type})

    return StaticOnlyFetcher()


_local = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread, kept between renderings.

    The configuration remembers the `@font-face` fonts it has loaded, so the shipped Noto Sans
    files are fetched and decompressed (WOFF2 → OpenType) once per process instead of once per
    document, which is about a third of a small document's rendering time.
    """
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def render_html(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang: str = "sv",
    subject: str = "",
) -> str:
    """The document's HTML (also useful to look at a PDF layout in a browser)."""
    return render_to_string(
        template_name,
        {
            **context,
            "pdf_title": title,
            "pdf_author": author,
            "pdf_lang": lang,
            "pdf_subject": subject,
        },
    )


def render_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang: str = "sv",
    subject: str = "",
    images: Mapping[str, str] | None = None,
) -> bytes:
    """Render `template_name` with `context` to a tagged A4 PDF (PDF/UA-1) and return its bytes.

    `title`, `author` (the issuing body), `lang` and `subject` become the document's metadata
    (the PDF's Info dictionary, its XMP packet with `pdfuaid:part` 1, and the catalogue's /Lang)
    and the template's `pdf_title`, `pdf_author`, `pdf_lang`, `pdf_subject`. The text is
    hyphenated in `lang` (pyphen) where the template says `hyphens: auto`. `images` maps names
    to SVG text that the template shows with `<img src="{generated_url(name)}" alt="…">`.
    """
    return render_pdf_counted(
        template_name,
        context,
        title=title,
        author=author,
        lang=lang,
        subject=subject,
        images=images,
    ).pdf


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a document's table of contents (templates/pdf/_contents.html): the id of the
    heading it links to, its text and its level (1, or 2 indented)."""

    anchor: str
    label: str
    level: int = 1


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    page_count: int


def render_pdf_counted(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang: str = "sv",
    subject: str = "",
    images: Mapping[str, str] | None = None,
) -> RenderedPdf:
    """`render_pdf` that also says how many pages the document has (from WeasyPrint's layout;
    reading a long PDF back to count them would cost seconds)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_html(
        template_name, context, title=title, author=author, lang=lang, subject=subject
    )
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher(images)).render(
            pdf_variant="pdf/ua-1", font_config=_font_config()
        )
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        raise PdfRenderError(str(error.__cause__ or error)) from error
    return RenderedPdf(pdf, len(document.pages))


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A document rendered on demand, as a download that no shared cache keeps."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
