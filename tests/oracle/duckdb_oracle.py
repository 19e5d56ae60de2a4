"""The DuckDB oracle of issue 4: favo's trends and funnels against SQL on the same file.

favo generates logs (`favo generate`), and reads them back (`favo trend`, `favo funnel`);
DuckDB reads the same CSV with explicit column types and answers the same questions in SQL:
trends are a GROUP BY date_trunc, funnels are the semantics of the issue written as joins.
The Italian export of each log (Windows-1252, `;`, day-first dates) must then give favo
exactly the answers the UTF-8 one gave.

One line per comparison: `oracle NAME: ok`, or `oracle NAME: failed` and the difference.
The last line is `oracle: N passed, M failed`; the exit code is 1 when anything failed.
Run by .ci/oracle, which makes the virtual environment with DuckDB and builds favo.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys

import duckdb

# (seed, rows): a large log and two smaller ones.
LOGS = [(1, 50_000), (2, 20_000), (7, 20_000)]

# Funnels of three to five distinct steps from the generator's seven (synth.rs STEPS), in
# the generator's order, with gaps, and out of it.
STEP_LISTS = [
    ["ad_view", "blog_visit", "brochure_download"],
    ["ad_view", "blog_visit", "brochure_download", "demo_request", "purchase"],
    ["blog_visit", "demo_request", "purchase", "review_posted"],
    ["purchase", "ad_view", "blog_visit"],
]
WINDOWS = {"1h": 3_600_000, "1d": 86_400_000, "14d": 14 * 86_400_000}
ORDERS = ["ordered", "strict", "any"]
INTERVALS = ["hour", "day", "week", "month"]
TREND_EVENTS = ["purchase", "ad_view"]
# (interval, unique users, events) of the trends also asked of the Italian export.
ITALIAN_TRENDS = [(interval, False, []) for interval in INTERVALS] + [("day", True, [])]


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def load(con, path):
    """The UTF-8 log as the table `log`: user, event, time (UTC, naive) and time in ms."""
    columns = {
        "user_id": "VARCHAR", "event": "VARCHAR", "timestamp": "VARCHAR", "channel": "VARCHAR",
        "segment": "VARCHAR", "city": "VARCHAR", "revenue": "DECIMAL(12, 2)",
    }
    spec = ", ".join(f"{sql_text(k)}: {sql_text(v)}" for k, v in columns.items())
    con.execute("DROP TABLE IF EXISTS log")
    con.execute(f"""
        CREATE TABLE log AS
        SELECT user_id AS u, event AS e, t AS ts, epoch_ms(t) AS ms
        FROM (SELECT *, strptime("timestamp", '%Y-%m-%dT%H:%M:%SZ') AS t
              FROM read_csv({sql_text(path)}, header = true, delim = ',', quote = '"', columns = {{{spec}}}))
    """)
    # Strict order needs each user's events in one order: the generator never writes two
    # events of a user at one millisecond, and the SQL below relies on it.
    ties = con.execute("SELECT count(*) FROM (SELECT u, ms FROM log GROUP BY u, ms HAVING count(*) > 1)").fetchone()[0]
    if ties:
        raise SystemExit(f"{path}: {ties} times a user has two events at one moment; the strict funnel SQL assumes none")


def sql_trend(con, interval, unique, events):
    """{period: value} of the non-empty periods."""
    value = "count(DISTINCT u)" if unique else "count(*)"
    where = f"WHERE e IN ({', '.join(map(sql_text, events))})" if events else ""
    rows = con.execute(f"""
        SELECT strftime(date_trunc('{interval}', ts), '%Y-%m-%dT%H:%M:%SZ') AS period, {value}
        FROM log {where} GROUP BY period ORDER BY period
    """).fetchall()
    return {p: v for p, v in rows}


def sql_funnel(con, steps, order, window):
    """Users at each step, the issue's semantics in SQL. Steps are distinct events here, so
    one event can never fill two steps.

    Ordered: every step-1 event starts an attempt; each next step is the earliest event of
    it at or after the previous step (equal times count as in order) and within the window
    from step 1 — the earliest is never worse for the steps after. Strict: the next step
    is the user's very next event. A user is at step k when some attempt gets there.
    Any order: an attempt starts at any funnel event and reaches as many steps as there
    are distinct steps among the user's events in its window; the user gets the deepest.
    """
    assert len(set(steps)) == len(steps), f"the SQL below needs distinct steps: {steps}"
    names = ", ".join(map(sql_text, steps))
    if order == "any":
        per_step = ", ".join(f"count(*) FILTER (WHERE depth >= {k + 1})" for k in range(len(steps)))
        return list(con.execute(f"""
            WITH f AS (SELECT u, e, ms FROM log WHERE e IN ({names})),
            attempt AS (SELECT a.u, count(DISTINCT l.e) AS depth FROM f a
                        JOIN f l ON l.u = a.u AND l.ms >= a.ms AND l.ms - a.ms <= {window}
                        GROUP BY a.u, a.ms),
            best AS (SELECT u, max(depth) AS depth FROM attempt GROUP BY u)
            SELECT {per_step} FROM best
        """).fetchone())
    ctes = []
    if order == "ordered":
        ctes.append(f"a1 AS (SELECT u, ms AS t0, ms AS t FROM log WHERE e = {sql_text(steps[0])})")
        for k in range(1, len(steps)):
            ctes.append(f"""a{k + 1} AS (
                SELECT a.u, a.t0, min(l.ms) AS t FROM a{k} a
                JOIN log l ON l.u = a.u AND l.e = {sql_text(steps[k])} AND l.ms >= a.t AND l.ms - a.t0 <= {window}
                GROUP BY a.u, a.t0)""")
    else:
        ctes.append("seq AS (SELECT u, e, ms, row_number() OVER (PARTITION BY u ORDER BY ms) AS n FROM log)")
        ctes.append(f"a1 AS (SELECT u, ms AS t0, n FROM seq WHERE e = {sql_text(steps[0])})")
        for k in range(1, len(steps)):
            ctes.append(f"""a{k + 1} AS (
                SELECT a.u, a.t0, l.n FROM a{k} a
                JOIN seq l ON l.u = a.u AND l.n = a.n + 1 AND l.e = {sql_text(steps[k])} AND l.ms - a.t0 <= {window})""")
    counts = ", ".join(f"(SELECT count(DISTINCT u) FROM a{k + 1})" for k in range(len(steps)))
    return list(con.execute(f"WITH {', '.join(ctes)} SELECT {counts}").fetchone())


def favo(binary, *args):
    """favo's JSON answer, or the reason there is none."""
    done = subprocess.run([binary, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"favo {' '.join(args)} exited {done.returncode}: {(done.stdout + done.stderr).strip()}")
    return json.loads(done.stdout)


def trend_args(path, interval, unique, events):
    args = ["trend", path, "--interval", interval]  # JSON is trend's only output
    if unique:
        args.append("--unique")
    if events:
        args += ["--events", ",".join(events)]
    return args


def funnel_args(path, steps, order, window):
    return ["funnel", path, "--steps", ",".join(steps), "--order", order, "--window", window, "--format", "json"]


def trend_diff(points, expected):
    """Differences between favo's points and DuckDB's non-empty periods."""
    got = {p["period"]: p["value"] for p in points}
    out = []
    if not points:
        return ["favo: no periods"] if expected else []
    if points[0]["period"] != min(expected, default=None) or points[-1]["period"] != max(expected, default=None):
        out.append(f"favo spans {points[0]['period']} .. {points[-1]['period']}, "
                   f"DuckDB {min(expected, default=None)} .. {max(expected, default=None)}")
    for period in sorted(set(got) | set(expected)):
        a, b = got.get(period), expected.get(period, 0)
        if a is None or a != b:
            out.append(f"{period}: favo {a}, DuckDB {b}")
    return out


def funnel_diff(answer, expected, totals):
    """Differences between favo's funnel and DuckDB's users per step, users and events."""
    out = []
    users = [s["users"] for s in answer["steps"]]
    if users != expected:
        out.append(f"users per step: favo {users}, DuckDB {expected}")
    if (answer["users"], answer["events"]) != tuple(totals):
        out.append(f"users, events: favo {answer['users']}, {answer['events']}; DuckDB {totals[0]}, {totals[1]}")
    return out


def answer(future):
    """favo's answer and no failure, or no answer and why."""
    try:
        return future.result(), None
    except (RuntimeError, json.JSONDecodeError) as e:
        return None, [str(e)]


def without_file(answer):
    return {k: v for k, v in answer.items() if k != "file"}


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def say(self, name, diff):
        if diff:
            self.failed += 1
            print(f"oracle {name}: failed")
            for line in diff[:12]:
                print(f"    {line}")
            if len(diff) > 12:
                print(f"    … and {len(diff) - 12} more")
        else:
            self.passed += 1
            print(f"oracle {name}: ok")
        sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--favo", required=True, help="the favo binary")
    parser.add_argument("--work", required=True, help="a directory for the generated logs")
    args = parser.parse_args()
    report = Report()
    con = duckdb.connect()
    # favo runs side by side (it is the slow part); DuckDB answers in between.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))

    def ask(*cli):
        return pool.submit(favo, args.favo, *cli)

    for i, (seed, rows) in enumerate(LOGS):
        path = os.path.join(args.work, f"log-{seed}.csv")
        italian = os.path.join(args.work, f"log-{seed}-it.csv")
        for target, extra in [(path, []), (italian, ["--italian"])]:
            subprocess.run([args.favo, "generate", "--rows", str(rows), "--seed", str(seed), *extra, "-o", target],
                           check=True, capture_output=True)
        load(con, path)
        totals = con.execute("SELECT count(DISTINCT u), count(*) FROM log").fetchone()
        tag = f"seed {seed}, {rows} rows"

        trends = [(iv, unique, []) for iv in INTERVALS for unique in (False, True)]
        trends += [("week", False, TREND_EVENTS), ("day", True, TREND_EVENTS)]
        # Two step lists per log, taken in turn; every order and window.
        step_lists = [STEP_LISTS[i % len(STEP_LISTS)], STEP_LISTS[(i + 2) % len(STEP_LISTS)]]
        funnels = [(steps, order, w) for steps in step_lists for order in ORDERS for w in WINDOWS]
        # Also of the Italian export: a trend of each interval, one of users, and the first
        # step list's funnels of one day.
        asked = [("trend", t, ask(*trend_args(path, *t)), t in ITALIAN_TRENDS and ask(*trend_args(italian, *t)))
                 for t in trends]
        asked += [("funnel", f, ask(*funnel_args(path, *f)), f[0] == step_lists[0] and f[2] == "1d" and ask(*funnel_args(italian, *f)))
                  for f in funnels]

        for kind, question, utf8, it in asked:
            if kind == "funnel":
                steps, order, window = question
                name = f"funnel {order} {window} {'>'.join(steps)} ({tag})"
            else:
                interval, unique, events = question
                name = f"trend {interval}{' unique' if unique else ''}{' of ' + ','.join(events) if events else ''} ({tag})"
            got, failure = answer(utf8)
            if failure:
                report.say(name, failure)
            elif kind == "funnel":
                report.say(name, funnel_diff(got, sql_funnel(con, steps, order, WINDOWS[window]), totals))
            else:
                report.say(name, trend_diff(got["points"], sql_trend(con, interval, unique, events)))
            if it:
                got_it, failure = answer(it)
                same = got is not None and got_it is not None and without_file(got) == without_file(got_it)
                report.say(f"italian = utf-8: {name}", failure or ([] if same else ["the Italian export gives another answer"]))

    pool.shutdown()
    print(f"oracle: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
