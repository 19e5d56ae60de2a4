// Trunk post_build hook (Trunk.toml): moves the inline module script Trunk writes into
// index.html (it loads the app's wasm) into a file of its own, `favo-start.js`, so that the
// built pages run under a Content-Security-Policy without 'unsafe-inline':
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const html = path.join(dir, 'index.html');
const text = fs.readFileSync(html, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = text.match(inline);
if (!found) {
  console.error(`${html}: Trunk's inline start-up script was not found; has Trunk's output changed?`);
  process.exit(1);
}
fs.writeFileSync(path.join(dir, 'favo-start.js'), found[1].trim() + '\n');
fs.writeFileSync(html, text.replace(inline, '<script type="module" src="./favo-start.js"></script>'));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(fs.readFileSync(html, 'utf8'))) {
  console.error(`${html}: an inline script is left`);
  process.exit(1);
}
