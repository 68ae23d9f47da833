/**
 * Opening a bundle entry in the log viewer (H4b's viewer store); undefined until the viewer is part of the page.
 */
export const openBundleEntry: ((bundlePath: string, entry: string) => void) | undefined = undefined;
