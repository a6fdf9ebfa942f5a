/** The ELK layout worker's URL, with its content hash (scripts/build-studio.js defines it). */
declare const __ELK_WORKER_URL__: string;

declare module '*.css';
