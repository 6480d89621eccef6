// index.html: complete the SMART launch once, then render the app (or say
// exactly what went wrong and how to relaunch).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config';
import { completeLaunch } from './session/session';
import { App, type AppSettings } from './app/app';
import { SessionProblem } from './app/session-problem';

async function start() {
  const root = createRoot(document.getElementById('root') ?? document.body);
  let settings: AppSettings;
  let bookingsServer: string;
  try {
    const config = loadConfig();
    bookingsServer = config.bookingsServer;
    settings = { pollMs: config.pollMs, timeZone: config.timeZone, chartUrl: config.chartUrl, metrics: config.features.metrics };
  } catch (error) {
    root.render(<SessionProblem title="CareRelay is misconfigured" message={error instanceof Error ? error.message : String(error)} />);
    return;
  }
  const session = await completeLaunch({ bookingsServer });
  root.render(
    <StrictMode>
      {session.ok ? <App transport={session.transport} context={session.context} {...settings} /> : <SessionProblem title="CareRelay is not connected" message={session.message} />}
    </StrictMode>,
  );
}

void start();
