// @vitest-environment jsdom
// What the overlay shows and what it refuses: text only, no booking on a
// synthetic click. (Trusted clicks and axe run in real Chromium: overlay.chromium.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summaryLines } from './booking-summary';
import { mountOverlay, type Overlay } from './overlay';

let overlay: Overlay | undefined;
afterEach(() => {
  overlay?.remove();
  document.body.replaceChildren();
});

function mount(onBook = vi.fn()) {
  document.body.innerHTML = '<main><section id="s"><h2>Discharge</h2></section></main>';
  const section = document.getElementById('s') as HTMLElement;
  overlay = mountOverlay(section, onBook, 'open');
  const host = section.previousElementSibling as HTMLElement;
  return { host, shadow: host.shadowRoot as ShadowRoot, onBook };
}

describe('overlay', () => {
  it('offers the three services as labelled buttons', () => {
    const { shadow } = mount();
    const buttons = [...shadow.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Book transport', 'Home health', 'DME']);
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Book transport', 'Book home health', 'Book DME (durable medical equipment)']);
    expect(buttons.every((b) => b.type === 'button')).toBe(true);
  });

  it('lists existing bookings so nobody books twice', () => {
    const { shadow } = mount();
    overlay?.render(summaryLines({ signedIn: true, bookings: [
      { label: 'Wheelchair van', status: 'Booked', time: '14:30' },
      { label: 'Home health', status: 'Requested' },
    ] }));
    expect(shadow.querySelector('[role="status"]')?.textContent).toBe('2 bookings:');
    expect([...shadow.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Wheelchair van — Booked 14:30', 'Home health — Requested']);
  });

  it('asks to sign in when the background has no session', () => {
    const { shadow } = mount();
    overlay?.render(summaryLines({ signedIn: false, bookings: [] }));
    expect(shadow.querySelector('[role="status"]')?.textContent).toBe('Sign in to CareRelay to see bookings');
    expect(shadow.querySelector('ul')?.hidden).toBe(true);
  });

  it('renders booking text as text, never as markup', () => {
    const { shadow } = mount();
    overlay?.render(summaryLines({ signedIn: true, bookings: [{ label: '<img src=x onerror=alert(1)>', status: '<b>x</b>' }] }));
    expect(shadow.querySelector('li *')).toBeNull();
    expect(shadow.querySelector('li')?.textContent).toBe('<img src=x onerror=alert(1)> — <b>x</b>');
  });

  it('ignores a page script\'s synthetic click', () => {
    const { shadow, onBook } = mount();
    const transport = shadow.querySelector('button') as HTMLButtonElement;
    transport.click();
    transport.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onBook).not.toHaveBeenCalled();
  });

  it('is closed to the page by default', () => {
    document.body.innerHTML = '<section id="s"></section>';
    overlay = mountOverlay(document.getElementById('s') as HTMLElement, vi.fn());
    expect((document.getElementById('s')?.previousElementSibling as HTMLElement).shadowRoot).toBeNull();
  });
});
