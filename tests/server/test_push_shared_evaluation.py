"""A push evaluates a dossier's aids once for its statistics' facts (on the creation day) and its
partners' inbox rows (on the day of the push) when both days give the same aids
(app.server.inbox.Evaluator, issue 18): the rows are the same as when each is evaluated on its
own day, and the batch path writes the same facts and inbox rows as the item-by-item path."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.demo import counter_only, demo_records
from app.forms.conditions import All, Compare, Eq, Not
from app.forms.conditions import Any as AnyOf
from app.forms.evaluation import evaluate, whole_months, whole_years
from app.forms.questionnaire import load_questionnaire
from app.forms.stats import paris_day
from app.server.inbox import Evaluator, cut_points, inbox_rows
from app.server.services.common import AgentInfo
from app.server.services.stats import fact_rows
from app.server.services.sync import _next_orientations, push_batch, push_dossier
from tests.server.test_push_batch import engines as engines  # noqa: F401  (the fixture)

BRE = AgentInfo(1, "bre", "urssaf", "BRE", "accueil", "BRE-01")


def records(count: int) -> list[dict[str, Any]]:
    out = []
    for index, record in enumerate(demo_records(count, load_questionnaire(), seed=11), 1):
        counter_only(record)
        record.update(site="BRE", workstation="01",
                      number=f"TI-BRE-01-{record['created_at'][:4]}-{index:06d}")
        out.append(record)
    return out


def test_cut_points_of_the_shipped_questionnaire() -> None:
    assert cut_points(load_questionnaire()) == {"age_ans": (60,), "anciennete_mois": (12,)}


def test_cut_points_of_every_comparison_and_other_readings() -> None:
    q = load_questionnaire()
    aid = q.aids[0]

    def with_rules(*rules: Any) -> Any:
        return dataclasses.replace(q, aids=tuple(dataclasses.replace(aid, rule=r)
                                                 for r in rules))

    rules = [All((Compare("gt", "age_ans", 17), Compare("lte", "age_ans", 65))),
             AnyOf((Compare("lt", "anciennete_mois", 6), Not(Compare("gte", "age_ans", 30)))),
             Compare("gte", "foyer", 3)]  # not a derived fact: never a cut point
    assert cut_points(with_rules(*rules)) == {"age_ans": (18, 30, 66), "anciennete_mois": (6,)}
    # a derived fact read otherwise than against a bound: no cut points, compared as a value
    assert cut_points(with_rules(Eq("anciennete_mois", "x"), Compare("gt", "age_ans", 1))) \
        == {"age_ans": (2,)}

    class Odd(Eq):  # may read the facts otherwise
        pass
    assert cut_points(with_rules(Eq("Q01", "oui"))) == {"age_ans": (), "anciennete_mois": ()}
    assert cut_points(with_rules(Odd("Q01", "oui"))) is None
    assert cut_points(with_rules(All((Not(Odd("Q01", "oui")),)))) is None


def test_a_derived_fact_read_as_a_value_is_evaluated_on_each_day() -> None:
    q = load_questionnaire()
    aid = q.aids[0]
    odd = dataclasses.replace(q, aids=(dataclasses.replace(
        aid, rule=Not(Eq("anciennete_mois", "x"))),))
    evaluator = Evaluator(date(2026, 12, 5))
    payload = {"answers": {}, "profile": {"debut_activite": "2020-01-01"}}
    assert not evaluator._same_aids(odd, payload, date(2026, 1, 5), date(2026, 12, 5))
    assert evaluator._same_aids(odd, payload, date(2026, 1, 5), date(2026, 1, 5))
    assert evaluator._same_aids(q, {"answers": "no"}, date(2026, 1, 5), date(2026, 12, 5))


@pytest.mark.parametrize("days_later", [0, 200, 400, 2000])
def test_shared_evaluation_gives_the_rows_of_separate_ones(days_later: int) -> None:
    today = date(2026, 11, 22) + timedelta(days=days_later)
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=10)
    evaluator = Evaluator(today)
    evaluations = 0
    crossed = moved = 0
    questionnaire = load_questionnaire()
    for record in records(300):
        dossier_id = uuid.UUID(record["id"])
        orientations = _next_orientations(dossier_id, {}, record, now)
        assert fact_rows(dossier_id, record, evaluator) == fact_rows(dossier_id, record)
        rows = inbox_rows(dossier_id, record, orientations, today, evaluator)
        assert rows == inbox_rows(dossier_id, record, orientations, today)
        evaluations += sum(len(found[2]) for found in evaluator._dossiers.values()
                           if found[0] is record)
        created = fact_rows(dossier_id, record)[2]
        situation = evaluator._dossier(questionnaire, record, today)[0]
        assert situation is not None
        on_today = {a.code for a in evaluate(questionnaire, dataclasses.replace(
            situation, reference_date=today)).aids}
        crossed += {row["aid"] for row in created} != on_today
        profile = record.get("profile") or {}
        created_day = paris_day(record["created_at"])
        moved += bool(rows) and any(  # (the inbox's aids are needed only for its rows)
            # a bound of the shipped rules passed between creation and today
            (whole(date.fromisoformat(profile[source]), created_day) >= bound)
            != (whole(date.fromisoformat(profile[source]), today) >= bound)
            for source, whole, bound in (("date_naissance", whole_years, 60),
                                         ("debut_activite", whole_months, 12))
            if profile.get(source))
    # evaluated once, but twice when an age or a seniority passed a bound since creation and
    # the dossier has inbox rows
    assert evaluations == 300 + moved
    assert crossed <= moved
    if days_later == 400:
        assert crossed > 0




DERIVED = {"dossier_facts": "dossier_id", "dossier_answers": "dossier_id, question",
           "dossier_aids": "dossier_id, aid", "partner_inbox": "organisme, dossier_id"}


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        out = {}
        for table, order in DERIVED.items():
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            out[table] = [tuple(v for k, v in r._mapping.items() if k != "id") for r in rows]
        return out


def test_the_batch_writes_the_facts_and_inbox_of_the_item_by_item_path(
        engines: tuple[Engine, Engine]) -> None:
    batch, single = engines
    now = datetime(2027, 12, 24, 10, 0, tzinfo=UTC)  # a year on: some aids changed since
    pushed = records(60)
    with Session(batch) as session:
        results = push_batch(session, BRE, [(None, r) for r in pushed], now)
        session.commit()
    assert {r.status for r in results} == {"accepted"}
    with Session(single) as session:
        for record in pushed:
            assert push_dossier(session, BRE, None, record, now).status == "accepted"
        session.commit()
    written = dump(batch)
    assert written == dump(single)
    assert len(written["dossier_facts"]) == 60
    assert written["partner_inbox"] and written["dossier_aids"]
