/** Renderer entry: binds push events once and mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { bindDesktopEvents } from './ipc/bindDesktopEvents.js';
import './app/styles.css';

bindDesktopEvents();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
