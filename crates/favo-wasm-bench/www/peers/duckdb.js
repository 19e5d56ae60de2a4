// DuckDB-WASM as its documentation sets it up: the page holds an AsyncDuckDB whose engine
// runs in DuckDB's own worker, with the single-threaded "eh" bundle (wasm exceptions, no
// pthreads), all served from next to this page. The questions are Favo's, in SQL: the funnel
// is the ordered funnel of tests/oracle/duckdb_oracle.py (`sql_funnel`, which the oracle
// checks against favo-core), the trends a GROUP BY day.

import * as duckdb from './duckdb-browser.mjs';

const DAY = 86_400_000;
const text = (s) => `'${s.replaceAll("'", "''")}'`;

/** Starts DuckDB: its worker, its wasm, a connection. Returns the engine's `run`. */
export async function start() {
  const worker = new Worker(new URL('./duckdb-browser-eh.worker.js', import.meta.url));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL('./duckdb-eh.wasm', import.meta.url).href);
  const conn = await db.connect();
  return { version: await db.getVersion(), run: (job, stage) => run(db, conn, job, stage) };
}

/**
 * Loads `job.url` into the table `log` and answers; `stage(name, answer)` is called as each
 * stage ends, and the log's size is returned. The dialect is told (DuckDB's sniffer could
 * guess most of it, but not the encoding), and all seven columns are loaded typed, as Favo
 * loads them.
 */
async function run(db, conn, { url, dialect, steps, window }, stage) {
  const response = await fetch(url, { cache: 'no-store' });
  const utf8 = dialect.encoding === 'utf-8';
  const { bytes, transcodeMs } = utf8 ? { bytes: new Uint8Array(await response.arrayBuffer()), transcodeMs: null } : await toUtf8(response, dialect.encoding);
  await db.registerFileBuffer('log.csv', bytes); // moved, not copied, into DuckDB's worker
  // Revenue is read as text: Italian amounts have thousands separators (`1.041,60`), which
  // read_csv's decimal_separator alone does not take.
  const columns = `{'u': 'VARCHAR', 'e': 'VARCHAR', 'ts': 'TIMESTAMP', 'channel': 'VARCHAR', 'segment': 'VARCHAR', 'city': 'VARCHAR', 'revenue': 'VARCHAR'}`;
  const amount = dialect.decimal === ',' ? "replace(replace(revenue, '.', ''), ',', '.')" : 'revenue';
  await conn.query(`
    CREATE TABLE log AS SELECT u, e, ts, channel, segment, city, ${amount}::DECIMAL(12, 2) AS revenue, epoch_ms(ts) AS ms
    FROM read_csv('log.csv', header = true, delim = ${text(dialect.delimiter)}, quote = '"', columns = ${columns},
                  timestampformat = ${text(dialect.timestampformat)}, encoding = 'utf-8')`);
  stage('load', {});

  const funnel = (await conn.query(funnelSql(steps, window))).get(0);
  stage('funnel', { funnel: steps.map((_, k) => funnel[`s${k + 1}`]) });

  const trend = await conn.query(`
    SELECT (ms // ${DAY})::INTEGER AS day, count(*)::INTEGER AS events, count(DISTINCT u)::INTEGER AS users
    FROM log GROUP BY day ORDER BY day`);
  stage('trend', { days: dense(trend) });

  // For the check only, after the clock: Favo's log reports these as it is built.
  const totals = (await conn.query('SELECT count(*)::INTEGER AS events, count(DISTINCT u)::INTEGER AS users FROM log')).get(0);
  return { rows: totals.events, events: totals.events, users: totals.users, transcodeMs };
}

/**
 * The body of `response` in UTF-8, decoded from `encoding` as it arrives, and the ms spent
 * transcoding (not waiting for the network). DuckDB reads no
 * Windows-1252: that needs its `encodings` extension, which is not in the bundle (it would be
 * downloaded), and its built-in Latin-1 refuses the bytes 0x80–0x9F, of which the Italian
 * log has one, the € of `importo (€)`. So the page transcodes, in chunks (a 600 MB log
 * would not fit in one JavaScript string), and the time is DuckDB's load's.
 */
async function toUtf8(response, encoding) {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const reader = response.body.getReader();
  const parts = [];
  let transcodeMs = 0;
  for (;;) {
    const { done, value } = await reader.read();
    const t0 = performance.now();
    parts.push(encoder.encode(decoder.decode(value, { stream: !done })));
    transcodeMs += performance.now() - t0;
    if (done) break;
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  return { bytes, transcodeMs };
}

/**
 * The ordered funnel of duckdb_oracle.py: every step-1 event starts an attempt; each next
 * step is the earliest event of it at or after the previous step and within the window from
 * step 1 (the earliest is never worse for the steps after); a user is at step k when some
 * attempt gets there.
 */
function funnelSql(steps, window) {
  const ctes = [`a1 AS (SELECT u, ms AS t0, ms AS t FROM log WHERE e = ${text(steps[0])})`];
  for (let k = 1; k < steps.length; k++) {
    ctes.push(`a${k + 1} AS (
      SELECT a.u, a.t0, min(l.ms) AS t FROM a${k} a
      JOIN log l ON l.u = a.u AND l.e = ${text(steps[k])} AND l.ms >= a.t AND l.ms - a.t0 <= ${window}
      GROUP BY a.u, a.t0)`);
  }
  const counts = steps.map((_, k) => `(SELECT count(DISTINCT u) FROM a${k + 1})::INTEGER AS s${k + 1}`);
  return `WITH ${ctes.join(', ')} SELECT ${counts.join(', ')}`;
}

/** The GROUP BY's non-empty days as every day from the first to the last (0 where none). */
function dense(table) {
  const [day, events, users] = ['day', 'events', 'users'].map((c) => table.getChild(c).toArray());
  const n = day.length ? day[day.length - 1] - day[0] + 1 : 0;
  const out = { first: day.length ? day[0] * DAY : null, events: new Array(n).fill(0), users: new Array(n).fill(0) };
  day.forEach((d, i) => {
    out.events[d - day[0]] = events[i];
    out.users[d - day[0]] = users[i];
  });
  return out;
}
