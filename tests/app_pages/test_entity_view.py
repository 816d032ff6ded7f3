"""The entity view in Streamlit's AppTest, against the real test Neo4j loaded with
tests/data/app/: profile, the Vega-Lite graph spec (focus, legend, roles), filters and their
chips, layouts and expanding nodes. Expected values are read off those XML files."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from graph.db import Settings
from graph.load.keys import security_id
from tests.app_pages.test_pages import ADGI, GUTS, MSFT, NADELLA, ok, page


def filters_box(at: AppTest):  # type: ignore[no-untyped-def]
    return next(e for e in at.expander if e.label == "Filters and layout")


def graph(at: AppTest) -> dict:
    """The entity view's Vega-Lite spec."""
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def nodes(spec: dict) -> list[dict]:
    """The drawn nodes (the node layer's rows: id, x, y, group, area, label, focus)."""
    return next(
        layer for layer in spec["layer"] if layer.get("params", [{}])[0].get("name") == "node"
    )["data"]["values"]


def drawn(spec: dict) -> set[str]:
    return {n["id"] for n in nodes(spec)}


def labels(spec: dict) -> set[str]:
    return {n["label"] for n in nodes(spec) if n["label"]}


def edge_names(spec: dict) -> list[str]:
    return list(spec["layer"][0]["encoding"]["color"]["scale"]["domain"])


def test_entity_view_profile_graph_and_filters(app_env: Settings) -> None:
    at = ok(page("entity", cik=MSFT))
    assert at.title[0].value == "MICROSOFT CORP (MSFT)"
    roles = at.dataframe[0].value
    assert sorted(roles["Name"]) == ["Hood Amy", "List Teri", "Nadella Satya", "SMITH BRADFORD L"]
    nadella = roles[roles["Name"] == "Nadella Satya"].iloc[0]
    assert nadella["Roles"] == "Director, Officer (Chief Executive Officer)"
    assert set(roles["Relation"]) == {"insider"}  # each is an insider of MSFT, none the reverse
    shown = labels(graph(at))
    assert {"MICROSOFT CORP (MSFT)", "Nadella Satya", "MSFT common"} <= shown
    assert not any("<br>" in t for t in shown)
    assert not filters_box(at).proto.expanded  # no filters: the expander stays shut
    at.multiselect(key="f_codes").set_value(["S"]).run()
    assert ok(at).query_params["codes"] == "S"
    names = edge_names(graph(at))
    assert "S · open-market sale" in names and "A · grant or award" not in names
    # only Nadella sold (6 S rows): the others drop out of the graph
    expected = {MSFT, NADELLA, security_id(MSFT, "Common Stock", derivative=False)}
    assert drawn(graph(at)) == expected
    at.selectbox(key="g_layout").set_value("layered").run()
    assert ok(at).query_params["layout"] == "layered"


def test_focus_is_the_largest_centred_labelled_node_with_an_edge_legend(app_env: Settings) -> None:
    spec = graph(ok(page("entity", cik=MSFT)))
    focus = next(n for n in nodes(spec) if n["focus"])
    assert focus["id"] == MSFT and focus["label"] == "MICROSOFT CORP (MSFT)"
    assert focus["area"] > max(n["area"] for n in nodes(spec) if not n["focus"])
    x, y = spec["layer"][0]["encoding"]["x"]["scale"], spec["layer"][0]["encoding"]["y"]["scale"]
    assert sum(x["domain"]) / 2 == pytest.approx(focus["x"])
    assert sum(y["domain"]) / 2 == pytest.approx(focus["y"])
    assert {
        "insider of",
        "S · open-market sale",  # Nadella's edge: S is most of its value
        "A · grant or award",
    } <= set(edge_names(spec))
    widths = spec["layer"][0]["encoding"]["strokeWidth"]["legend"]
    assert widths["title"] == "Width: value traded" and widths["values"][:2] == [10_000, 1_000_000]


def test_colour_by_role_reads_roles_as_data_and_rides_in_the_link(app_env: Settings) -> None:
    at = ok(page("entity", cik=MSFT, colour="role"))
    assert at.radio(key="g_colour").value == "role"
    groups = {n["id"]: n["group"] for n in nodes(graph(at))}
    assert groups[NADELLA] == "Officer"  # CEO and director: an officer first


def test_filters_from_a_link_show_as_chips_and_prune_to_nothing(app_env: Settings) -> None:
    at = ok(page("entity", cik=MSFT, codes="P", **{"from": "2024-01-01"}))
    chips = next(m.value for m in at.markdown if m.value.startswith("Filters:"))
    assert ":blue-badge[P · open-market purchase]" in chips
    assert ":blue-badge[dates 2024-01-01 → …]" in chips
    assert "No trades match these filters" in at.info[0].value
    assert not filters_box(at).proto.expanded  # the chips say it: the graph stays in view
    assert drawn(graph(at)) == {MSFT}


def test_a_role_filter_alone_prunes_the_graph(app_env: Settings) -> None:
    # MSFT's directors: Nadella (director and CEO) and List Teri; Hood and Smith are officers
    # only (the four MSFT Form 4s), so they and nothing of theirs are drawn.
    at = ok(page("entity", cik=MSFT, roles="director"))
    shown = labels(graph(at))
    assert {"Nadella Satya", "List Teri"} <= shown
    assert not shown & {"Hood Amy", "SMITH BRADFORD L"}
    assert not at.info
    # nobody is a 10% owner of MSFT
    at = ok(page("entity", cik=MSFT, roles="ten_percent_owner"))
    assert at.info[0].value == (
        "No 10% owner relationship within reach; only the entity itself is drawn."
    )
    assert drawn(graph(at)) == {MSFT}


def test_layout_options_speak_plainly(app_env: Settings) -> None:
    at = ok(page("entity", cik=MSFT, seed="3"))
    labels = [n.label for n in at.number_input]
    assert "Seed" not in labels and at.number_input(key="g_seed").label == "Arrangement number"
    assert at.number_input(key="g_seed").value == 3


def test_expanding_a_node_keeps_placed_nodes_where_they_were(app_env: Settings) -> None:
    before = graph(ok(page("entity", cik=GUTS)))
    after = graph(ok(page("entity", cik=GUTS, expanded="0001211060")))

    def positions(spec: dict) -> dict[str, tuple[float, float]]:
        return {n["id"]: (n["x"], n["y"]) for n in nodes(spec)}

    old, new = positions(before), positions(after)
    assert ADGI in new and ADGI not in old
    assert all(new[node] == pytest.approx(xy) for node, xy in old.items())
