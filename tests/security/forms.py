"""Read a page's main form back as the data a browser would post (for the fuzzing tests)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action", ""), "data": {}, "text": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        data = self._form["data"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    data.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                data[name] = [a.get("value", "")]
                if kind in ("text", "search", "email", "tel", "url"):
                    self._form["text"].append(name)
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = [""]
            self._form["text"].append(name)
        elif tag == "select" and name:
            self._select = name
            data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            data[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            value = self._form["data"][self._textarea][0] + data
            self._form["data"][self._textarea] = [value]


def main_form(html: str) -> tuple[dict[str, list[str]], list[str]]:
    """The post data and the names of the free-text fields of the page's largest POST form."""
    parser = _FormParser()
    parser.feed(html)
    form = max(parser.forms, key=lambda f: len(f["data"]))
    data = {name: values for name, values in form["data"].items()}
    for name in data:
        if data[name] and data[name][0].startswith("\n") and name in form["text"]:
            data[name] = [data[name][0][1:]]  # the newline Django writes after <textarea>
    return data, form["text"]
