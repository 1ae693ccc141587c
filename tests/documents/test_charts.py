"""Charts of the statistics: SVG that parses, bars and French labels, « < 5 » drawn hatched."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.documents.charts import (
    bar_chart,
    french_number,
    label_for,
    line_chart,
    month_label,
    month_points,
    to_svg,
)
from tests.documents.stats_samples import figures

NBSP = "\u00a0"
NAVY_SVG = "rgb(12%,22%,37%)"  # #1f3a5f as renderSVG writes it


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()).strip() for node in root.iter()
            if node.tag.endswith("text")]


def test_french_number() -> None:
    assert french_number(1613) == f"1{NBSP}613"
    assert french_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert french_number(12.5) == "12,5"
    assert french_number(21.0) == "21"
    assert french_number("<5") == f"<{NBSP}5"
    assert french_number(None) == "—"


def test_labels() -> None:
    assert label_for("organisme", "assurance_maladie") == "Assurance Maladie"
    assert label_for("channel", "signal") == "Liste d’appels (signal)"
    assert label_for("outcome", None) == "Pas encore d’issue"
    assert label_for("urgent", True) == "Urgent"
    assert label_for("site", "REN") == "REN"
    assert month_label("2026-02") == "févr. 2026"


def test_bar_chart_svg_has_bars_labels_and_hidden_count() -> None:
    rows = figures()["organisme"]["rows"]
    drawing = bar_chart(rows, "organisme", "dossiers", "Dossiers orientés par organisme",
                        labels=lambda code: label_for("organisme", code))
    svg = to_svg(drawing)
    root = ET.fromstring(svg)
    texts = _texts(svg)
    assert "Dossiers orientés par organisme" in texts
    for name in ("Urssaf", "Assurance Maladie", "Caf", "Assurance retraite"):
        assert name in texts
    assert "910" in texts and f"<{NBSP}5" in texts
    assert any("secret statistique" in text for text in texts)  # the legend
    # Four drawn bars (navy) and one hatched, white, dashed outline for « < 5 ».
    rects = [node for node in root.iter() if node.tag.endswith("rect")]
    filled = [r for r in rects if f"fill: {NAVY_SVG}" in r.get("style", "")]
    assert len(filled) == 4
    # The hidden bar and the legend's sample: white, dashed, hatched over.
    assert sum("stroke-dasharray" in r.get("style", "") for r in rects) == 2


def test_bar_chart_without_hidden_count_has_no_legend() -> None:
    rows = figures()["site"]["rows"]
    texts = _texts(to_svg(bar_chart(rows, "site", "dossiers", "Par site")))
    assert {"REN", "QMP", "BRE", "820"} <= set(texts)
    assert not any("secret statistique" in text for text in texts)


def test_bar_chart_nested_value_and_unit() -> None:
    rows = figures()["times"]["rows"]
    texts = _texts(to_svg(bar_chart(rows, "organisme", "closure.median_days", "Délai",
                                    unit="j")))
    assert f"21{NBSP}j" in texts
    assert "—" in texts  # the Caf: too few closures for a median


def test_empty_chart_says_so() -> None:
    texts = _texts(to_svg(bar_chart([], "site", "dossiers", "Par site")))
    assert "Aucune donnée pour cette période." in texts


def test_line_chart_months_and_hidden_point() -> None:
    points = month_points(figures()["trend"]["rows"])
    assert points[0] == ("déc. 2025", 980)
    svg = to_svg(line_chart(points, "Dossiers ouverts par mois"))
    texts = _texts(svg)
    assert f"1{NBSP}613" in texts and f"<{NBSP}5" in texts
    assert any("déc." in text for text in texts)
    # The line breaks at the hidden month: two runs, two polylines.
    root = ET.fromstring(svg)
    lines = [node for node in root.iter() if node.tag.endswith("polyline")
             and f"stroke: {NAVY_SVG}" in node.get("style", "")
             and "stroke-width: 1.6" in node.get("style", "")]
    assert len(lines) == 2
    assert all("fill: none" in line.get("style", "") for line in lines)  # not black for Qt


def test_same_input_same_svg() -> None:
    rows = figures()["channel"]["rows"]
    first = to_svg(bar_chart(rows, "channel", "dossiers", "Canal", horizontal=False))
    second = to_svg(bar_chart(rows, "channel", "dossiers", "Canal", horizontal=False))
    assert first == second


def test_svg_is_drawn_right_by_strict_readers() -> None:
    svg = to_svg(line_chart([("janv. 2026", 3), ("févr. 2026", 9)], "t")).decode()
    root = ET.fromstring(svg)
    top = [node.tag.rsplit("}", 1)[-1] for node in root]
    assert "clipPath" not in top and "defs" in top  # not drawn as a black rectangle
    assert "fill: None" not in svg and "DejaVuSans-Bold" not in svg
