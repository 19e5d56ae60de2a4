// Favo's embeds from one module script: <favo-map>, <favo-chart>, and embed.html's
// <favo-frame>. Copy Favo's built files next to your pages and write
//   <script type="module" src="favo/favo.js"></script>
//   <favo-map src="journey.favo.json"></favo-map>
// README, "Embed on your site", lists the attributes. The widgets are drawn by the viewer's
// wasm (favo-embed_bg.wasm for maps, favo-embed-chart_bg.wasm for charts, loaded from this
// folder); they never write to the page's storage, and every text from a map or a data
// file is shown as text.
const base = new URL("./", import.meta.url).href;

// Maps and charts are two wasm binaries, each fetched the first time a widget needs it: a
// page with a map never downloads the charts' data reader, nor a page with a chart the map.
const loading = new Map();
function viewer(name) {
  if (!loading.has(name)) {
    loading.set(name, import(`./${name}.js`).then(async (module) => {
      await module.default();
      return module;
    }));
  }
  return loading.get(name);
}
const MODULE = { map: "favo-embed", frame: "favo-embed", chart: "favo-embed-chart" };

// Every attribute a widget reads: a change to any of them shows it again.
const OBSERVED = [
  "src", "share", "data", "type", "lang", "theme", "persona", "phase", "chrome", "fit", "height", "caption", "base",
  "steps", "order", "window", "breakdown", "top", "histogram", "user", "event", "time", "step", "count",
  "interval", "events", "unique", "moving-average", "cumulative", "compare", "from", "to",
];

function define(tag, kind) {
  if (customElements.get(tag)) return; // the script was included twice
  customElements.define(tag, class extends HTMLElement {
    static observedAttributes = OBSERVED;
    #queued = false;
    connectedCallback() { this.#show(); }
    attributeChangedCallback() { if (this.isConnected) this.#show(); }
    disconnectedCallback() { viewer(MODULE[kind]).then((m) => m.unmount(this), () => {}); }
    // Several attributes set in a row show the widget once.
    #show() {
      if (this.#queued) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        viewer(MODULE[kind]).then(
          (m) => {
            if (!this.isConnected) return;
            if (kind === "chart") m.mount(this, base);
            else m.mount(this, base, kind === "frame");
          },
          (error) => { this.textContent = `Favo could not start: ${error}`; },
        );
      });
    }
  });
}

define("favo-map", "map");
define("favo-chart", "chart");
define("favo-frame", "frame");
