// Options page: render only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../options/options-app';

createRoot(document.getElementById('root') ?? document.body).render(<StrictMode><OptionsApp /></StrictMode>);
