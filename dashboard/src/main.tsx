import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { languageStore } from './i18n/i18n.js';
import './styles.css';

document.documentElement.lang = languageStore.get();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
