// PapaParse + plain JavaScript in a dedicated worker: what a web page would do without an
// engine. A classic worker, because papaparse.min.js is a UMD script (importScripts).
//
// The file streams: fetch's chunks are decoded with one streaming TextDecoder (so no
// character is split between chunks) and handed to Papa's chunked parser, and each chunk's
// rows go straight into columns (user and event interned, time in ms). The log is then put
// in user-then-time order the way favo-core's EventLog does (a stable sort by time, one pass
// on a file already in time order, then a counting sort by user), and the funnel and trends
// are computed over it in plain loops.
//
// In:  { url, dialect: { encoding, delimiter, dates: 'iso' | 'dmy' }, steps, window }
//      (the dialect is told: Papa does not detect encodings or date formats)
// Out: { ready } once, then per run { stage, ms, ... } for 'load', 'funnel', 'trend',
//      or { stage, error }.

importScripts('papaparse.min.js');

const DAY = 86_400_000;

/** `YYYY-MM-DDTHH:MM:SSZ` or `dd/mm/yyyy hh:mm:ss` (taken as UTC, as Favo does) in ms. */
const TIME = {
  iso: (s) => Date.parse(s),
  dmy: (s) => Date.UTC(+s.slice(6, 10), +s.slice(3, 5) - 1, +s.slice(0, 2), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19)),
};

/**
 * Papa's parser reads Node-style streams ('data', 'end', 'error' listeners): a fetch body
 * as one. Papa removes its listeners when it stops (at the end or on an error), and so the
 * reading stops too.
 */
function textStream(body, encoding) {
  const on = {};
  const stream = { readable: true, read() {}, pause() {}, resume() {}, on: (e, f) => (on[e] = f), removeListener: (e) => delete on[e] };
  (async () => {
    const decoder = new TextDecoder(encoding);
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !on.data) break;
      on.data(decoder.decode(value, { stream: true }));
    }
    if (on.data) {
      on.data(decoder.decode());
      on.end();
    }
  })().catch((e) => on.error?.(e));
  return stream;
}

/** The file as columns: users and names interned (ids in order of first sight), times in ms. */
function readLog(body, { encoding, delimiter, dates }) {
  const parseTime = TIME[dates];
  const userIds = new Map();
  const nameIds = new Map();
  const users = [];
  const names = [];
  const times = [];
  let header = true;
  const intern = (map, key) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };
  return new Promise((resolve, reject) => {
    Papa.parse(textStream(body, encoding), {
      delimiter,
      skipEmptyLines: true,
      // Papa catches a throw here, stops, and calls `error`.
      chunk({ data, errors }) {
        if (errors.length) throw new Error(`row ${errors[0].row}: ${errors[0].message}`);
        for (const row of data) {
          if (header) {
            header = false;
            continue;
          }
          const time = parseTime(row[2]);
          if (Number.isNaN(time)) throw new Error(`row ${users.length + 2}: unreadable time ${JSON.stringify(row[2])}`);
          users.push(intern(userIds, row[0]));
          names.push(intern(nameIds, row[1]));
          times.push(time);
        }
      },
      complete: () => resolve({ users, names, times, userCount: userIds.size, nameIds }),
      error: reject,
    });
  });
}

/** Row indices in user-then-time order: a stable sort by time, then a stable counting sort by user. */
function byUserThenTime({ users, times, userCount }) {
  const byTime = Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
  const starts = new Uint32Array(userCount + 1);
  for (const u of users) starts[u + 1]++;
  for (let u = 1; u <= userCount; u++) starts[u] += starts[u - 1];
  const order = new Uint32Array(byTime.length);
  for (const r of byTime) order[starts[users[r]]++] = r;
  return order;
}

/**
 * Users at each step of an ordered funnel with ClickHouse windowFunnel's semantics: any
 * step-1 event starts an attempt, each later step must come at or after the one before and
 * within `window` ms of the attempt's step 1. Read in time order, the attempt worth keeping
 * at each step is the latest-started one, so one pass per user with a start per step does.
 */
function funnel(log, order, steps, window) {
  const { users, names, times } = log;
  const stepOf = new Int32Array(log.nameIds.size).fill(-1);
  steps.forEach((s, k) => log.nameIds.has(s) && (stepOf[log.nameIds.get(s)] = k));
  const counts = new Array(steps.length).fill(0);
  const start = new Float64Array(steps.length);
  for (let i = 0; i < order.length; ) {
    const user = users[order[i]];
    start.fill(-Infinity);
    let depth = 0;
    let last = -Infinity;
    for (; i < order.length && users[order[i]] === user; i++) {
      const r = order[i];
      // Tied events would need reading as a group (favo-core does); the generator never
      // writes a user two events at one moment, and this says so loudly if that changes.
      if (times[r] === last) throw new Error(`user ${user} has two events at ${new Date(last).toISOString()}`);
      last = times[r];
      const k = stepOf[names[r]];
      if (k === 0) start[0] = times[r];
      else if (k > 0 && times[r] - start[k - 1] <= window) start[k] = start[k - 1];
      else continue;
      depth = Math.max(depth, k + 1);
    }
    for (let k = 0; k < depth; k++) counts[k]++;
  }
  return counts;
}

/** Events and distinct users per UTC day, every day from the first event's to the last's. */
function trend({ users, times }, order) {
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const [day0, days] = [Math.floor(first / DAY), Math.floor(last / DAY) - Math.floor(first / DAY) + 1];
  const events = new Array(days).fill(0);
  const uniques = new Array(days).fill(0);
  // In user-then-time order a (user, day) pair repeats only in a run.
  let prevUser = -1;
  let prevDay = -1;
  for (const r of order) {
    const d = Math.floor(times[r] / DAY) - day0;
    events[d]++;
    if (users[r] !== prevUser || d !== prevDay) uniques[d]++;
    [prevUser, prevDay] = [users[r], d];
  }
  return { first: day0 * DAY, events, users: uniques };
}

postMessage({ ready: true });

onmessage = async ({ data: { url, dialect, steps, window } }) => {
  let stage = 'load';
  let t = performance.now();
  const done = (answer) => {
    const now = performance.now();
    postMessage({ stage, ms: now - t, ...answer });
    t = now;
  };
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const log = await readLog(response.body, dialect);
    const order = byUserThenTime(log);
    done({ rows: log.times.length, events: log.times.length, users: log.userCount });

    stage = 'funnel';
    done({ funnel: funnel(log, order, steps, window) });

    stage = 'trend';
    done({ days: trend(log, order) });
  } catch (err) {
    postMessage({ stage, error: String(err?.stack || err) });
  }
};
