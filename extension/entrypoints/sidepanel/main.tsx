// Side panel page: render only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../panel/panel-app';

createRoot(document.getElementById('root') ?? document.body).render(<StrictMode><PanelApp /></StrictMode>);
