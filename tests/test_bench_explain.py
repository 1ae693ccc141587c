"""The EXPLAIN benchmark's own logic (benchmarks/bench_explain.py) on canned statements and
plans: how it folds statements, reads a plan and flags what grows with the dossiers."""

from __future__ import annotations

from typing import Any

from benchmarks.bench_explain import (
    Call,
    buffers,
    group,
    normalized,
    plan_flags,
    plan_path,
    seq_scanned,
    shortened,
    skip_reason,
)

# EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a partner page, trimmed to what the module reads
PAGE: dict[str, Any] = {
    "Node Type": "Limit", "Actual Rows": 51, "Actual Loops": 1,
    "Shared Hit Blocks": 41, "Shared Read Blocks": 3,
    "Plans": [{"Node Type": "Index Scan", "Parent Relationship": "Outer",
               "Index Name": "ix_partner_inbox_page", "Relation Name": "partner_inbox",
               "Actual Rows": 51, "Actual Loops": 1, "Rows Removed by Filter": 0}],
}
# the registration's scan of a site's dossiers, sorted
SCAN: dict[str, Any] = {
    "Node Type": "Aggregate", "Actual Rows": 2, "Actual Loops": 1,
    "Plans": [{"Node Type": "Sort", "Actual Rows": 20, "Actual Loops": 1,
               "Plans": [{"Node Type": "Seq Scan", "Relation Name": "dossiers",
                          "Actual Rows": 20, "Actual Loops": 1,
                          "Rows Removed by Filter": 999_980}]}],
}


def test_normalized_folds_placeholders_lists_and_rows() -> None:
    one = ("SELECT x FROM t\n  WHERE t.id IN (%(id_1_1)s::UUID, %(id_1_2)s::UUID) "
           "AND t.n = %(n_1)s")
    three = ("SELECT x FROM t WHERE t.id IN (%(id_1_1)s::UUID, %(id_1_2)s::UUID, "
             "%(id_1_3)s::UUID) AND t.n = %(n_1)s")
    assert normalized(one) == normalized(three) == (
        "SELECT x FROM t WHERE t.id IN (?::UUID, …) AND t.n = ?")
    rows = ("INSERT INTO t (a, b) VALUES (%(a__0)s::UUID, %(b__0)s, 0), "
            "(%(a__1)s::UUID, %(b__1)s, 1), (%(a__2)s::UUID, %(b__2)s, 2)")
    assert normalized(rows) == "INSERT INTO t (a, b) VALUES (?::UUID, ?, 0), …"
    # a single IN value and distinct tuples stay as they are
    assert normalized("SELECT 1 WHERE a IN (%(a)s)") == "SELECT 1 WHERE a IN (?)"


def test_shortened_folds_column_lists_at_the_top_level_only() -> None:
    select = ("SELECT a.one, a.two, a.three, EXTRACT(epoch FROM a.closed - a.sent) AS d "
              "FROM a WHERE a.x = ?")
    assert shortened(select) == "SELECT … FROM a WHERE a.x = ?"
    update = ("UPDATE dossiers SET revision=?::INTEGER, payload=?::VARCHAR, content_hash=? "
              "WHERE dossiers.id = ?::UUID")
    assert shortened(update) == "UPDATE dossiers SET … WHERE dossiers.id = ?::UUID"
    insert = "INSERT INTO t (a, b, c) VALUES (?, ?, ?) RETURNING t.id, t.created_at, t.other"
    assert shortened(insert) == "INSERT INTO t (…) VALUES (?, ?, ?) RETURNING …"
    long = shortened("SELECT x FROM t WHERE " + " AND ".join(f"c{i} = ?" for i in range(30)))
    assert len(long) == 90 and long.endswith("…")


def test_statements_without_a_plan_are_named() -> None:
    assert skip_reason("SAVEPOINT sa_savepoint_1") == "a savepoint"
    assert skip_reason("RELEASE SAVEPOINT sa_savepoint_1") == "a savepoint"
    assert skip_reason("SELECT pg_advisory_xact_lock(hashtextextended(%(k)s, 0))") == (
        "an advisory lock")
    assert skip_reason("COPY dossiers (id) FROM STDIN") == "COPY"
    assert skip_reason("SET LOCAL statement_timeout = 5") == "a setting"
    assert skip_reason("select pg_catalog.version()") == "a catalogue query"
    assert skip_reason("SELECT dossiers.id FROM dossiers WHERE dossiers.site = %(s)s") is None


def test_plan_path_buffers_and_flags() -> None:
    assert plan_path(PAGE) == "Limit → Index Scan using ix_partner_inbox_page on partner_inbox"
    assert buffers(PAGE) == (41, 3)
    assert plan_flags(PAGE) == []
    assert plan_path(SCAN) == "Aggregate → Sort → Seq Scan on dossiers"
    assert plan_flags(SCAN) == ["Seq Scan on dossiers (1 000 000 rows read)"]
    assert seq_scanned(SCAN) == {"dossiers"}
    join = {"Node Type": "Nested Loop", "Plans": [PAGE, SCAN]}
    assert plan_path(join) == ("Nested Loop → [Limit → Index Scan using ix_partner_inbox_page "
                               "on partner_inbox ; Aggregate → Sort → Seq Scan on dossiers]")


def test_scans_reading_many_rows_and_big_sorts_are_flagged() -> None:
    index = {"Node Type": "Index Only Scan", "Index Name": "ix_o", "Relation Name":
             "orientations", "Actual Rows": 600, "Actual Loops": 10}
    assert plan_flags(index) == ["Index Only Scan using ix_o on orientations reads 6 000 rows"]
    assert plan_flags(index, read_rows=10_000) == []
    # a table that does not grow with the dossiers: never flagged
    agents = {"Node Type": "Seq Scan", "Relation Name": "workstations", "Actual Rows": 9_000}
    assert plan_flags(agents) == []
    sort = {"Node Type": "Sort", "Actual Rows": 50,
            "Plans": [{"Node Type": "Function Scan", "Actual Rows": 2_000, "Actual Loops": 1}]}
    assert plan_flags(sort) == ["Sort of 2 000 rows"]
    # a plan not run (EXPLAIN without ANALYZE) is read from its estimates
    assert plan_flags({"Node Type": "Seq Scan", "Relation Name": "consents",
                       "Plan Rows": 12}) == ["Seq Scan on consents (12 rows read)"]


def test_group_keeps_one_entry_per_request_and_statement() -> None:
    calls = [Call("GET /sync/pull", "a", "SELECT x FROM t WHERE id IN (%(i_1)s, %(i_2)s)",
                  {"i_1": 1, "i_2": 2}, 1),
             Call("GET /sync/pull", "c", "SELECT x FROM t WHERE id IN (%(i_1)s)", {"i_1": 3}, 1),
             Call("GET /sync/pull", "c", "SELECT x FROM t WHERE id IN (%(i_1)s, %(i_2)s, "
                  "%(i_3)s)", {"i_1": 1, "i_2": 2, "i_3": 4}, 1),
             Call("POST /sync/push", "a", "INSERT INTO t (x) VALUES (%(x)s)", {"x": 1}, 20)]
    entries = group(calls)
    assert [(e.request, e.calls, e.rows, e.phases) for e in entries] == [
        ("GET /sync/pull", 2, 2, ["a", "c"]),  # the IN lists of 2 and 3 values: one statement
        ("GET /sync/pull", 1, 1, ["c"]),  # one value: no list
        ("POST /sync/push", 1, 20, ["a"])]
    assert entries[0].parameters == {"i_1": 1, "i_2": 2}  # explained with its first call's
