// The stand-in's phone: one page per number, large type, one column at 375 px. Messages
// arrive without a reload (the page polls its own JSON and renders text, never markup);
// the reply box posts the way a patient's phone would.
import { html, trusted, type SafeHtml } from '../ehr/html';
import type { StoredMessage } from './stand-in';

const STYLE = trusted(`
  *{box-sizing:border-box} body{margin:0;font:1.25rem/1.45 system-ui,sans-serif;background:#f2f2f7;color:#111}
  header{background:#1c1c1e;color:#fff;padding:.75rem 1rem} h1{font-size:1.25rem;margin:0} main{max-width:30rem;margin:0 auto;padding:1rem}
  ol{list-style:none;margin:0 0 1rem;padding:0;display:grid;gap:.75rem}
  li{padding:.75rem 1rem;border-radius:1.1rem;max-width:90%;overflow-wrap:anywhere}
  li.in{background:#e5e5ea;justify-self:start} li.out{background:#0a58ca;color:#fff;justify-self:end}
  li small{display:block;font-size:.9rem;opacity:.9}
  form{display:flex;gap:.5rem} label{position:absolute;left:-9999px}
  input{flex:1;font:inherit;padding:.6rem .8rem;border:2px solid #555;border-radius:1.5rem;min-width:0}
  button{font:inherit;padding:.6rem 1rem;border:0;border-radius:1.5rem;background:#0a58ca;color:#fff}
  a{color:#0a58ca} p.empty{color:#333}
`);

const POLL = trusted(`
  (function(){
    var list=document.getElementById('messages'); var src=list.getAttribute('data-src');
    function render(items){
      list.replaceChildren.apply(list, items.map(function(m){
        var li=document.createElement('li'); li.className=m.direction==='inbound'?'out':'in';
        var who=document.createElement('small'); who.textContent=m.direction==='inbound'?'You':'Text message';
        var text=document.createElement('span'); text.textContent=m.body;
        li.append(who,text); return li; }));
      document.getElementById('empty').hidden=items.length>0;
    }
    setInterval(function(){ fetch(src).then(function(r){return r.json();}).then(render).catch(function(){}); }, 1000);
  })();
`);

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`.toString();
}

export function inboxPage(number: string, messages: StoredMessage[]): string {
  const digits = number.slice(1);
  return page(`Phone ${number}`, html`<header><h1>Phone ${number}</h1></header><main>
  <ol id="messages" aria-label="Messages" aria-live="polite" data-src="/inbox/${digits}/messages.json">
    ${messages.map((m) => html`<li class="${m.direction === 'inbound' ? 'out' : 'in'}"><small>${m.direction === 'inbound' ? 'You' : 'Text message'}</small><span>${m.body}</span></li>`)}
  </ol>
  <p id="empty" class="empty" ${messages.length ? trusted('hidden') : ''}>No messages yet.</p>
  <form method="post" action="/inbox/${digits}/reply">
    <label for="reply">Reply</label><input id="reply" name="Body" autocomplete="off" placeholder="Text message">
    <button type="submit">Send</button>
  </form></main><script>${POLL}</script>`);
}

export function inboxIndex(numbers: string[]): string {
  return page('Sandbox phones', html`<header><h1>Sandbox phones</h1></header><main>
  ${numbers.length ? html`<ul>${numbers.map((n) => html`<li><a href="/inbox/${n.slice(1)}">${n}</a></li>`)}</ul>` : html`<p>No texts sent yet. Book a ride in the app; the rule runner texts the patient.</p>`}
  </main>`);
}
