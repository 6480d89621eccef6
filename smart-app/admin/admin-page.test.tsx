// The admin page over a fake EHR (msw): registration values, a readiness check with
// its progress and result, and a misconfiguration shown with the field it names.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { resolveDeploymentConfig } from '../../shared/config/deployment-config';
import { capabilityStatementFixture, smartConfigurationFixture } from '../../shared/readiness/test-fixtures';
import { mswServer } from '../../test/msw/server';
import { AdminPage } from './admin-page';

const ISS = 'https://ehr.example.org/fhir/R4';
const config = (injected: object) => resolveDeploymentConfig({ env: {}, injected: JSON.stringify(injected) });
const good = config({ issAllowList: [ISS], standaloneIss: ISS });

function renderPage(result = good) {
  return render(<AdminPage config={result} appBaseUrl="https://carerelay.example.org/app/" fetchFn={fetch} />);
}

describe('AdminPage', () => {
  it('shows what to register, from the configuration', () => {
    renderPage();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Launch URI' }).value).toBe('https://carerelay.example.org/app/launch.html');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'App redirect URI' }).value).toBe('https://carerelay.example.org/app/index.html');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Content-Security-Policy header' }).value).toContain("frame-ancestors 'self' https://ehr.example.org");
    expect(screen.getByRole('button', { name: 'Download registration JSON' })).toBeTruthy();
  });

  it('checks an EHR, shows progress, then a row per item with the fallback for what is missing', async () => {
    mswServer.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(smartConfigurationFixture())),
      http.get(`${ISS}/metadata`, async () => {
        await delay(50);
        return HttpResponse.json(capabilityStatementFixture({ transactions: false }));
      }),
    );
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText(`Checking ${ISS}…`)).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Readiness by item' });
    const transactions = within(table).getByRole('rowheader', { name: 'Transactions' }).closest('tr');
    expect(transactions?.textContent).toContain('missing');
    expect(transactions?.textContent).toContain('Sequential conditional creates in dependency order');
    expect(screen.getByText(/^Ready with fallbacks/)).toBeTruthy();
  });

  it('names the misconfigured field instead of showing a registration', () => {
    renderPage(config({ issAllowList: ['ehr.example.org/fhir'] }));
    expect(screen.getByRole('alert').textContent).toBe('CareRelay configuration: issAllowList.0 must be an absolute URL. Fix it where the deployment sets it, then reload.');
    expect(screen.queryByRole('textbox', { name: 'Launch URI' })).toBeNull();
  });
});
