// Overlay CSS. It lives inside the shadow root, so page styles cannot restyle the
// buttons and ours cannot leak out. Colours keep ≥ 4.5:1 contrast; focus is a
// thick outline that stays visible on both the bar and the buttons.
export const OVERLAY_CSS = `
:host{all:initial;display:block;margin:8px 0}
.bar{font:13px/1.4 system-ui,sans-serif;color:#1f2937;background:#f1f6fb;border:1px solid #1a5fb4;border-radius:6px;padding:8px 10px;display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.brand{font-weight:700;color:#123e7c;margin-right:4px}
button{font:inherit;font-weight:600;color:#fff;background:#1a5fb4;border:1px solid #123e7c;border-radius:4px;padding:4px 10px;cursor:pointer}
button:hover{background:#123e7c}
button:focus-visible{outline:3px solid #111;outline-offset:2px}
.status{margin:0;flex-basis:100%}
ul{margin:0;padding-left:18px;flex-basis:100%}
`;
