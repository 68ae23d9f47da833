/**
 * The preload script of the app window (sandboxed: bundled to one CommonJS file, it may require only 'electron').
 * Exposes `window.desktop`, generated from the allow-list, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preloadBridge.js';

contextBridge.exposeInMainWorld('desktop', createPreloadBridge(ipcRenderer));
