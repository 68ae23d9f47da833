/** Ambient module types of the renderer build (Vite imports CSS files for their side effect). */
declare module '*.css';
