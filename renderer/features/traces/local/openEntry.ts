/**
 * Opening a bundle entry in the log viewer (H4b's viewer store).
 */
import { openInViewer } from '../viewer/viewerStore.js';

export const openBundleEntry: ((bundlePath: string, entry: string) => void) | undefined = (bundlePath, entry) => void openInViewer({ kind: 'bundle', bundlePath, entry });
