// One small stylesheet for every EHR page. Colours are picked for WCAG AA contrast
// so the axe checks in the end-to-end suite stay clean.
export const STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;background:#f4f6f8}
a{color:#1a4f8b}
a:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:6px 10px;z-index:10}
.skip:focus{left:8px}
.topbar{display:flex;align-items:center;gap:24px;background:#1f3a5f;color:#fff;padding:0 20px;height:44px}
.topbar .brand{font-weight:700;font-size:16px;color:#fff;text-decoration:none}
.topbar nav a{color:#fff;margin-right:16px}
.topbar .user{margin-left:auto;font-size:13px}
main{padding:16px 20px;max-width:1280px}
h1{font-size:20px;margin:4px 0 12px}
h2{font-size:15px;margin:0 0 8px;color:#1f3a5f;text-transform:uppercase;letter-spacing:.03em}
.banner{display:flex;flex-wrap:wrap;gap:4px 28px;align-items:baseline;background:#fff;border:1px solid #cbd5e0;border-left:6px solid #1f3a5f;padding:8px 14px;margin-bottom:12px}
.banner .pt-name{font-size:18px;font-weight:700;margin:0}
.banner dl{display:flex;gap:18px;margin:0}
.banner dt{display:inline;color:#4a5568;font-size:12px;margin-right:4px}
.banner dd{display:inline;margin:0;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
.btn{display:inline-block;padding:6px 12px;border:1px solid #1f3a5f;border-radius:4px;background:#fff;color:#1f3a5f;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.btn.primary{background:#1f3a5f;color:#fff}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:12px}
.card{background:#fff;border:1px solid #cbd5e0;border-radius:4px;padding:10px 14px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{background:#edf2f7;font-size:12px;color:#2d3748}
tbody th{background:#fff;font-size:14px}
caption{text-align:left;padding:4px 0;color:#4a5568}
h3{font-size:14px;margin:10px 0 4px}
.stack{margin-top:12px}
dl.fields{display:grid;grid-template-columns:160px 1fr;gap:4px 12px;margin:0}
dl.fields dt{color:#4a5568;font-weight:600}
dl.fields dd{margin:0}
.muted{color:#4a5568}
.tag{display:inline-block;padding:0 6px;border-radius:3px;background:#e2e8f0;font-size:12px}
.tag.yes{background:#c6f6d5;color:#22543d}
.notice{background:#fffbea;border:1px solid #d69e2e;padding:6px 10px;margin-bottom:10px}
ul.checklist{list-style:none;padding:0;margin:0}
ul.checklist li{padding:3px 0}
.app-head{display:flex;align-items:baseline;gap:16px;margin-bottom:8px}
.app-head h1{margin:0}
.app-frame{display:block;width:100%;height:calc(100vh - 170px);min-height:480px;border:1px solid #cbd5e0;background:#fff}
.discharge-layout{display:grid;grid-template-columns:2fr 1fr;gap:12px}
`;
