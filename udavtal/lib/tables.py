"""django-tables2 speed-ups installed at start-up (UdavtalConfig.ready, decision 0024).

django-tables2 does two things for every cell it renders that only need doing once:

- it asks ``inspect.signature()`` of the column's render/value callable
  (``django_tables2.utils.call_with_appropriate``): the signature is cached per function (per
  bound method's function, since a new table instance is made per request; other callables are
  not cached);
- a ``TemplateColumn`` (``DateColumn`` is one; it uses its template for empty dates) compiles its
  ``template_code`` anew: the compiled template is cached per code string (a compiled Django
  template is made to be rendered many times, as the cached template loader does).

At national scale a CSV export of 3 000 district reports spent about 30 % of its time in each.
"""

from __future__ import annotations

import functools
import inspect

from django.template import Template
from django_tables2 import utils
from django_tables2.columns import templatecolumn

_uncached_signature = utils.signature
_signatures: dict[tuple, tuple[tuple[str, ...], str | None]] = {}
MAX_CACHED = 4096  # a bound on functions made at run time (closures); a full cache starts over


def cached_signature(fn) -> tuple[tuple[str, ...], str | None]:
    """utils.signature(fn), computed once per function (per bound method's function)."""
    if inspect.ismethod(fn):
        key = (fn.__func__, True)
    elif inspect.isfunction(fn):
        key = (fn, False)
    else:
        return _uncached_signature(fn)
    try:
        return _signatures[key]
    except KeyError:
        if len(_signatures) >= MAX_CACHED:
            _signatures.clear()
        result = _signatures[key] = _uncached_signature(fn)
        return result


@functools.lru_cache(maxsize=256)
def cached_template(template_code: str) -> Template:
    """Template(template_code), compiled once per code string."""
    return Template(template_code)


def install() -> None:
    utils.signature = cached_signature
    templatecolumn.Template = cached_template
