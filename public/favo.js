// Favo's embeds from one module script: <favo-map>, <favo-chart>, and embed.html's
// <favo-frame>. Copy Favo's built files next to your pages and write
//   <script type="module" src="favo/favo.js"></script>
//   <favo-map src="journey.favo.json"></favo-map>
// README, "Embed on your site", lists the attributes. The widgets never write to the page's
// storage, and every text from a map or a data file is shown as text.
const base = new URL("./", import.meta.url).href;

// The widgets are drawn by one of three wasm binaries, fetched the first time a widget needs
// one: favo-embed for maps, favo-embed-chart for charts, and favo-embed-all for a page with
// both (two binaries would each carry the code they share). A page with a map never
// downloads the charts' data reader, nor a page with a chart the map.
const loading = new Map();
function load(name) {
  if (!loading.has(name)) {
    loading.set(name, import(`./${name}.js`).then(async (module) => {
      await module.default();
      return module;
    }));
  }
  return loading.get(name);
}
function viewer(kind) {
  const own = kind === "chart" ? "favo-embed-chart" : "favo-embed";
  for (const name of ["favo-embed-all", own]) if (loading.has(name)) return load(name);
  const both = document.querySelector("favo-map") && document.querySelector("favo-chart");
  return load(both ? "favo-embed-all" : own);
}

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
    #viewer = null; // the binary that shows this widget
    connectedCallback() { this.#show(); }
    attributeChangedCallback() { if (this.isConnected) this.#show(); }
    disconnectedCallback() { this.#viewer?.then((m) => m.unmount(this), () => {}); }
    // Several attributes set in a row show the widget once.
    #show() {
      if (this.#queued) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        this.#viewer ??= viewer(kind);
        this.#viewer.then(
          (m) => { if (this.isConnected) m.mount(this, base, kind); },
          (error) => { this.textContent = `Favo could not start: ${error}`; },
        );
      });
    }
  });
}

// embed.html's <favo-frame>, for hosts that allow no script: the page's fragment names the
// widget and its options (#view=funnel&data=events.csv&steps=a,b,c), which become the
// attributes of a <favo-map> or <favo-chart> inside it, as text. In an iframe, it tells its
// parent its height with postMessage, to one exact origin, never "*": the page's own, or the
// one the fragment names with origin=. favo-frames.js, on the host, checks where it came from.
const FRAME_OPTIONS = ["view", "origin"];
const VIEWS = { map: "favo-map", funnel: "favo-chart", trend: "favo-chart" };
function options() { return new URLSearchParams(location.hash.slice(1)); }
function frameTarget() {
  const named = options().get("origin");
  if (named === null) return location.origin;
  try {
    const origin = new URL(named).origin;
    return origin === named && origin !== "null" ? origin : null;
  } catch { return null; }
}
if (!customElements.get("favo-frame")) {
  customElements.define("favo-frame", class extends HTMLElement {
    #widget = null;
    #observer = null;
    #show = () => {
      const found = options();
      const view = found.get("view") ?? "map";
      const tag = VIEWS[view];
      if (!tag) {
        const it = (found.get("lang") ?? navigator.language).toLowerCase().startsWith("it");
        const alert = document.createElement("div");
        alert.className = "error";
        alert.setAttribute("role", "alert");
        alert.append(document.createElement("strong"), document.createElement("p"));
        alert.firstChild.textContent = "Favo";
        alert.lastChild.textContent = it ? `view è map, funnel o trend, non "${view}"` : `view is map, funnel or trend, not "${view}"`;
        this.#widget.replaceChildren(alert);
        return;
      }
      const child = document.createElement(tag);
      if (tag === "favo-chart") child.setAttribute("type", view);
      for (const [name, value] of found) {
        // Only the options' own names: anything else could not be an attribute anyway.
        if (/^[a-z-]+$/.test(name) && !FRAME_OPTIONS.includes(name)) child.setAttribute(name, value);
      }
      this.#widget.replaceChildren(child);
    };
    connectedCallback() {
      if (this.#widget) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = `${base}favo-embed.css`;
      this.#widget = document.createElement("div");
      this.#widget.className = "favo-widget frame";
      root.replaceChildren(style, this.#widget);
      addEventListener("hashchange", this.#show);
      this.#show();
      const target = window.parent !== window ? frameTarget() : null;
      if (target) {
        let last = 0;
        this.#observer = new ResizeObserver(() => {
          const height = this.#widget.offsetHeight;
          if (height > 0 && height !== last) {
            last = height;
            window.parent.postMessage({ favo: "size", height }, target);
          }
        });
        this.#observer.observe(this.#widget);
      }
    }
    disconnectedCallback() {
      removeEventListener("hashchange", this.#show);
      this.#observer?.disconnect();
      this.#observer = null;
      this.#widget = null;
    }
  });
}

define("favo-map", "map");
define("favo-chart", "chart");
