"""The report as one standalone HTML file: inline CSS, no scripts, no external resources.

Rendered by Jinja2 with autoescaping, so everything taken from articles (titles, quotations,
sentences, names) is escaped. The only links are citations to the sources list (``#src-N``)
and the articles' own ``http(s)`` URLs; a Content-Security-Policy meta tag forbids scripts and
any fetched resource even if a browser were handed one.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import jinja2

from .model import EMPTY, HEADINGS, Report

__all__ = ["render_html"]

_TEMPLATE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wirewatch report">
<title>{{ report.title }}</title>
<style>
body { font: 16px/1.5 Georgia, "Times New Roman", serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.summary, .empty { color: #555; }
li { margin: .35rem 0; }
.label { font-weight: bold; }
.quote { font-style: italic; }
.cite { font-size: .8em; vertical-align: super; text-decoration: none; }
.status-contradict { color: #b00020; font-weight: bold; }
.status-compare { color: #8a5a00; font-weight: bold; }
code { font-size: .9em; }
ul.sources { list-style: none; padding-left: 0; }
</style>
</head>
<body>
{%- macro cites(numbers) -%}
{%- for n in numbers %}<a class="cite" href="#src-{{ n }}">[{{ n }}]</a>{% endfor -%}
{%- endmacro -%}
{%- macro line(x) -%}
{%- if x.label %}<span class="label">{{ x.label }}</span>
{%- if x.text or x.quote %}:{% endif %} {% endif -%}
{%- if x.text %}{{ x.text }} {% endif -%}
{%- if x.text and x.quote %}— {% endif -%}
{%- if x.quote %}<span class="quote">“{{ x.quote }}”</span> {% endif -%}
{{ cites(x.cites) }}
{%- endmacro -%}
{%- macro section(key, lines) %}
<section id="{{ key }}">
<h2>{{ headings[key] }}</h2>
{%- if lines %}
<ul>
{%- for x in lines %}
<li>{{ line(x) }}</li>
{%- endfor %}
</ul>
{%- else %}
<p class="empty">{{ empty[key] }}</p>
{%- endif %}
</section>
{%- endmacro %}
<header>
<h1>{{ report.title }}</h1>
<p class="summary">Story <code>{{ report.story_id }}</code>: {{ report.summary }}.</p>
</header>
{{ section("happened", report.happened) }}
{{ section("timeline", report.timeline) }}
{{ section("quotes", report.quotes) }}
{{ section("numbers", report.numbers) }}
<section id="differences">
<h2>{{ headings.differences }}</h2>
<p class="summary">{{ report.compared }}</p>
{%- if report.differences %}
<ul>
{%- for d in report.differences %}
<li><span class="label">{{ d.slot }}</span>:
<span class="status-{{ d.status.split()[0] }}">{{ d.status }}</span>
{%- if d.note %} — {{ d.note }}{% endif %}
<ul>
{%- for side in d.sides %}
<li>{{ line(side) }}</li>
{%- endfor %}
</ul>
</li>
{%- endfor %}
</ul>
{%- else %}
<p class="empty">{{ empty.differences }}</p>
{%- endif %}
</section>
<section id="sources">
<h2>{{ headings.sources }}</h2>
<ul class="sources">
{%- for s in report.sources %}
<li id="src-{{ s.n }}">[{{ s.n }}] {{ s.outlet or "outlet unknown" }},
{% if s.title %}“{{ s.title }}”{% else %}(no title){% endif %}, {{ s.published }},
{% if s.url and linkable(s.url) %}<a href="{{ s.url }}" rel="noopener noreferrer">{{ s.url }}</a>
{%- elif s.url %}<code>{{ s.url }}</code>
{%- else %}file <code>{{ s.file }}</code>{% endif %}</li>
{%- endfor %}
</ul>
</section>
</body>
</html>
"""


def _linkable(url: str) -> bool:
    """Only web addresses become links (never ``javascript:`` or ``data:`` ones)."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE)


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    return _template().render(report=report, headings=HEADINGS, empty=EMPTY, linkable=_linkable)
