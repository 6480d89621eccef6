// Overlay CSS. It lives inside the shadow root, so page styles cannot restyle the
// buttons and ours cannot leak out. Colours keep ≥ 4.5:1 contrast; focus is a
// thick outline that stays visible on both the bar and the buttons.
export const OVERLAY_CSS =
  ':host{all:initial;display:block;margin:8px 0}' +
  '.bar{font:13px system-ui,sans-serif;color:#1f2937;background:#f1f6fb;border:1px solid #1a5fb4;padding:8px;display:flex;flex-wrap:wrap;gap:8px}' +
  'button{font:inherit;color:#fff;background:#1a5fb4;border:0;padding:4px 10px;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #111;outline-offset:2px}' +
  'p,ul{margin:0;flex-basis:100%}';
