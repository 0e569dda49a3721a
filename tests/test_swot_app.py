"""The « AFOM / SWOT » page driven with AppTest on a copy of the demo: add, edit, move, merge, drafts, undo."""

from __future__ import annotations

from pathlib import Path

from pac.db import Database
from pac.services import communes, swot
from tests.apptest_utils import logged_in_app

PAGE = "pages/swot.py"


def _items(app_env: Path, commune_id: int) -> list[swot.SwotItemView]:
    db = Database(f"sqlite:///{app_env}")
    try:
        plan = communes.get_current_plan(db, commune_id)
        assert plan is not None
        return swot.list_items(db, plan.id)
    finally:
        db.dispose()


def _open(app_env: Path, commune_id: int, tab: str | None = None):  # type: ignore[no-untyped-def]
    at = logged_in_app(f"sqlite:///{app_env}", PAGE, commune_id=commune_id)
    if tab:
        at.session_state["swot__tabs"] = tab
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _board(at) -> str:  # type: ignore[no-untyped-def]
    return "".join(h.proto.body for h in at.get("html"))


def test_board_shows_numbered_quadrants_and_flags_unsupported_items(
    app_env: Path, demo_commune_id: int
) -> None:
    at = _open(app_env, demo_commune_id)
    board = _board(at)
    for q in ("Forces", "Faiblesses", "Opportunités", "Menaces"):
        assert q in board
    assert ">F1<" in board and ">M1<" in board
    assert "sans constat" not in board  # every demo item cites findings
    at.text_area(key="swot_add_text_bi_fr").input("Solidarité des douars pour les corvées collectives")
    at.button(key="swot_add_go").click()
    at.run()
    assert "sans constat" in _board(at)
    assert any("1 élément ne s'appuie sur aucun constat" in c.value for c in at.caption)  # singular


def test_add_refuses_script_and_keeps_the_text_across_pages(app_env: Path, demo_commune_id: int) -> None:
    before = len(_items(app_env, demo_commune_id))
    at = _open(app_env, demo_commune_id)
    at.radio(key="swot_add_quadrant_w").set_value("O")
    at.text_area(key="swot_add_text_bi_fr").input("<img src=x onerror=alert(1)>")
    at.button(key="swot_add_go").click()
    at.run()
    assert any("Texte de l'élément" in e.value for e in at.error)
    assert len(_items(app_env, demo_commune_id)) == before
    at.text_area(key="swot_add_text_bi_fr").input("Programme régional d'adaptation au climat")
    at.run()
    at.switch_page("pages/diagnostic.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert at.text_area(key="swot_add_text_bi_fr").value == "Programme régional d'adaptation au climat"
    assert at.radio(key="swot_add_quadrant_w").value == "O"
    at.button(key="swot_add_go").click()
    at.run()
    added = _items(app_env, demo_commune_id)
    assert (
        len(added) == before + 1
        and [i for i in added if i.text.startswith("Programme régional")][0].quadrant == "O"
    )


def test_edit_move_reorder_merge_and_undo(app_env: Path, demo_commune_id: int) -> None:
    items = _items(app_env, demo_commune_id)
    first, second = [i for i in items if i.quadrant == "W"][:2]
    at = _open(app_env, demo_commune_id, "Modifier, déplacer, fusionner")
    at.selectbox(key="swot_edit_id_w").set_value(second.id)
    at.run()
    at.button(key=f"swot_edit_{second.id}_up").click()
    at.run()
    order = [i.id for i in _items(app_env, demo_commune_id) if i.quadrant == "W"]
    assert order[:2] == [second.id, first.id]
    at.text_area(key=f"swot_edit_{second.id}_text_bi_fr").input("Enclavement des douars du haut")
    at.radio(key=f"swot_edit_{second.id}_quadrant_w").set_value("T")
    at.button(key=f"swot_edit_{second.id}_save").click()
    at.run()
    moved = {i.id: i for i in _items(app_env, demo_commune_id)}[second.id]
    assert (moved.quadrant, moved.text) == ("T", "Enclavement des douars du haut")
    # merge the first weakness into the moved item; its findings follow
    at.selectbox(key="swot_edit_id_w").set_value(second.id)
    at.run()
    at.selectbox(key=f"swot_edit_{second.id}_merge_w").set_value(first.id)
    at.button(key=f"swot_edit_{second.id}_merge_go").click()
    at.run()
    after = {i.id: i for i in _items(app_env, demo_commune_id)}
    assert first.id not in after
    assert set(first.finding_ids) <= set(after[second.id].finding_ids)
    # the history shows who did what, and undo takes the merge back
    at.session_state["swot__tabs"] = "Historique"
    at.run()
    assert any("Fusion de" in str(df.value) for df in at.dataframe)
    at.button(key="swot_undo").click()
    at.run()
    assert first.id in {i.id for i in _items(app_env, demo_commune_id)}
    assert any("Annulé" in s.value for s in at.success)


def test_draft_from_findings_accept_and_reject_one_by_one(app_env: Path, demo_commune_id: int) -> None:
    db = Database(f"sqlite:///{app_env}")
    plan = communes.get_current_plan(db, demo_commune_id)
    assert plan is not None
    for item in swot.list_items(db, plan.id):  # start the SWOT afresh: every finding uncited
        swot.delete_item(db, item.id)
    proposals = swot.proposals(db, plan.id)
    db.dispose()
    assert len(proposals) > 2
    at = _open(app_env, demo_commune_id, "Proposer depuis les constats")
    assert _items(app_env, demo_commune_id) == []  # showing proposals writes nothing
    accept = [b for b in at.button if b.key and b.key.endswith("_ok")]
    reject = [b for b in at.button if b.key and b.key.endswith("_no")]
    assert len(accept) == min(6, len(proposals))
    text_key = accept[0].key.removesuffix("_ok") + "_text_bi_fr"
    at.text_area(key=text_key).input("Savoir-faire des coopératives d'argan")
    accept[0].click()
    at.run()
    (item,) = _items(app_env, demo_commune_id)
    assert item.text == "Savoir-faire des coopératives d'argan"
    assert set(item.finding_ids) == set(proposals[0].finding_ids)
    assert reject[0].key not in {b.key for b in at.button}  # the accepted proposal is gone
    reject = [b for b in at.button if b.key and b.key.endswith("_no")]
    rejected_key = reject[0].key
    at.button(key=rejected_key).click()
    at.run()
    assert rejected_key not in {b.key for b in at.button}
    assert len(_items(app_env, demo_commune_id)) == 1
    assert any(b.key == "swot_draft_restore" for b in at.button)
