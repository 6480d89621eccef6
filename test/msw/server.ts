import { setupServer } from 'msw/node';

export const mswServer = setupServer();
