// The page half of the side-by-side benchmark (tests/e2e/peer-bench.mjs drives it through
// `window.peerBench`). One engine per page, each off the main thread: Favo in a module worker
// of ours, DuckDB-WASM in its own worker behind its AsyncDuckDB, PapaParse + plain JS in a
// classic worker of ours.
//
// `start` times the cold start (worker, script and wasm, instantiation); `run` starts the
// clock when the file's URL is known and stops it for each stage when the page has that
// stage's answer, so every engine is timed the same way whatever runs where.

const STAGES = ['load', 'funnel', 'trend'];

const ENGINES = {
  favo: () => workerEngine('./favo-worker.js', 'module'),
  // Imported here, so that its page half (and apache-arrow) is in DuckDB's cold start only.
  duckdb: async () => (await import('./duckdb.js')).start(),
  papaparse: () => workerEngine('./papa-worker.js', 'classic'),
};

/**
 * A worker of ours, once it said `ready`. Its `run` posts the job and hands each stage's
 * message on as it arrives (see the protocol atop each worker).
 */
async function workerEngine(script, type) {
  const worker = new Worker(new URL(script, import.meta.url), { type });
  const failed = (reject) => (e) => reject(new Error(`${script}: ${e.message}`));
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => data.ready && resolve();
    worker.onerror = failed(reject);
  });
  const run = (job, stage) =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.error) return reject(new Error(data.error));
        stage(data.stage, data);
        if (data.stage === STAGES.at(-1)) resolve({});
      };
      worker.onerror = failed(reject);
      worker.postMessage(job);
    });
  return { version: null, run };
}

let engine = null;

window.peerBench = {
  /** Starts engine `name`: `{ ms, version }`, ms being its cold start. */
  async start(name) {
    const t0 = performance.now();
    engine = await ENGINES[name]();
    return { ms: performance.now() - t0, version: engine.version };
  },

  /**
   * One run over `job.url`: per stage, `ms` it took and `at`, ms from the start to the page
   * having its answer; and the answers. Never throws: a failure comes back as `{ ok: false,
   * stage, error }` with what was done before it.
   */
  async run(job) {
    const stages = {};
    const answers = {};
    const start = performance.now();
    let last = start;
    try {
      const extra = await engine.run(job, (name, { stage, ms, ...answer }) => {
        const now = performance.now();
        stages[name] = { ms: now - last, at: now - start, engineMs: ms ?? null };
        last = now;
        Object.assign(answers, answer);
      });
      return { ok: true, stages, answers: { ...answers, ...extra } };
    } catch (err) {
      const stage = STAGES.find((s) => !stages[s]) ?? 'after the last stage';
      return { ok: false, stage, error: String(err?.stack || err), stages, answers };
    }
  },
};
