"""The report as one self-contained HTML file: page, styles, charts and their JavaScript.

Vega, Vega-Lite and vega-embed come from vl-convert's bundle and are inlined in a
``<script type="module">``; each chart's spec, its data inline, sits in a
``<script type="application/json">`` next to its container. Nothing is fetched: the file
opens offline in any browser.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import altair as alt
import jinja2
import vl_convert

from loyalist.report.charts import Chart
from loyalist.report.page import Section

TEMPLATES = Path(__file__).parent / "templates"


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and vega-embed as one ES module.

    The bundle sets ``window.vegaEmbed``. Building it takes vl-convert a few seconds, so it
    is kept in the user's cache folder (``$XDG_CACHE_HOME/loyalist``, else
    ``~/.cache/loyalist``), one file per vl-convert and Vega-Lite version.

    Examples
    --------
    >>> "window.vegaEmbed" in vega_bundle()
    True
    """
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    known = vl_convert.get_vegalite_versions()
    vl_version = wanted if wanted in known else known[-1]
    cached = _cache_dir() / f"vega-bundle-{version('vl-convert-python')}-vl{vl_version}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = _script_safe(vl_convert.javascript_bundle(vl_version=vl_version))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(bundle, encoding="utf-8")
        partial.replace(cached)
    except OSError:  # a read-only home: build it again next time
        pass
    return bundle


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "loyalist"


def _script_safe(text: str) -> str:
    """Text that cannot end the ``<script>`` element it is inlined in."""
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def spec_json(chart: Chart) -> str:
    """A chart's Vega-Lite spec as compact JSON, safe inside a ``<script>`` element.

    Examples
    --------
    >>> import pandas as pd
    >>> chart = alt.Chart(pd.DataFrame({"x": ["</script>"]})).mark_point().encode(x="x")
    >>> "</script" in spec_json(chart)
    False
    """
    spec = chart.to_dict(validate=False)  # the chart functions' tests validate every spec
    return json.dumps(spec, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["spec_json"] = spec_json
    return env


def render(sections: list[Section], meta: dict[str, Any]) -> str:
    """The whole page.

    Parameters
    ----------
    sections : list of Section
    meta : dict
        ``title``, ``business``, ``period``, ``start``, ``end`` and ``tables`` (name -> rows).

    Examples
    --------
    >>> from loyalist.report.page import Note
    >>> page = render([Section("s", "S", "intro", [Note("hello")])],
    ...               {"title": "T", "business": "B", "period": "month", "start": "a",
    ...                "end": "b", "tables": {"orders": 3}})
    >>> "hello" in page, page.count('<script type="module">'), "<link" in page
    (True, 2, False)
    """
    template = _environment().get_template("report.html.j2")
    return template.render(
        sections=sections,
        meta=meta,
        bundle=vega_bundle(),
        generated=datetime.now().strftime("%-d %b %Y %H:%M"),
        version=_version(),
    )


def _version() -> str:
    try:
        return version("loyalist")
    except PackageNotFoundError:  # pragma: no cover (running from a source tree)
        return "dev"
