"""The template helpers that are there for speed give exactly what Jinja's own would: a dict's
values read as `value.name`, and `_()` / `ngettext()` in every language, escaped in HTML, inside
blocks that set variables and inside loops."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale
from jinja2 import Environment as PlainJinja

# Templates that read dicts every way the app's templates do, and some they do not.
DICT_TEMPLATES = [
    "{{ d.title }}",
    "{{ d.missing }}|{{ d.missing is defined }}",
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",  # a key named "items" too
    "{{ d.get('title') }}|{{ d.keys() | list | length }}",
    "{{ d.nested.id }}|{{ d['title'] }}",
    "{{ o.real }}|{{ o.missing is defined }}",  # not a dict: as Jinja does it
    "{{ s.upper() }}|{{ l.count(1) }}",
]


def test_a_dict_is_read_as_jinja_reads_it(app):
    values = {"d": {"title": "Notice <late>", "items": ["x"], "nested": {"id": 7}}, "o": 3, "s": "ab", "l": [1, 1]}
    plain = PlainJinja(autoescape=True)
    with app.test_request_context("/en/"):
        for source in DICT_TEMPLATES:
            assert render_template_string(source, **values) == plain.from_string(source).render(**values), source


def test_a_subclass_of_dict_keeps_jinja_s_own_order(app):
    class Entry(dict):
        title = "the attribute"

    assert app.jinja_env.getattr(Entry(title="the item"), "title") == "the attribute"


PAGE = """{% set heading = _('Your results') %}<h1>{{ heading }}</h1>
{% for n in counts %}<p>{{ _('Warning') }} {{ ngettext('We keep your answers for %(num)d day after you last change them. Then we delete them.', 'We keep your answers for %(num)d days after you last change them. Then we delete them.', n) }}</p>{% endfor %}
<p>{{ _('Hello %(name)s', name=who) }}</p><p>{{ _('Called %(string)s', string=who) }}</p>"""


def test_translations_work_inside_blocks_and_loops_in_every_language(app):
    rendered = {}
    for code in ("en", "pl", "ar"):
        with app.test_request_context(f"/{code}/"):
            app.preprocess_request()
            with force_locale("en_GB" if code == "en" else code):
                rendered[code] = render_template_string(PAGE, counts=[1, 3], who="<b>Sam</b>")
    english = rendered["en"]
    assert "<h1>Your results</h1>" in english
    assert "We keep your answers for 1 day after" in english and "for 3 days after" in english
    assert "Hello &lt;b&gt;Sam&lt;/b&gt;" in english  # a variable is escaped, the text is not
    assert "Called &lt;b&gt;Sam&lt;/b&gt;" in english  # any name can be a variable, as in Jinja's own
    for code in ("pl", "ar"):
        assert "Your results" not in rendered[code] and "We keep your answers" not in rendered[code]
        assert "3" in rendered[code] and "%(num)d" not in rendered[code]
