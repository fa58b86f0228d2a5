// Renders scenario Markdown off the main thread (markdown-html.ts says why); its own small chunk.
import { expose } from 'comlink';
import { markdownToHtml } from '../model/markdown-html.ts';

expose({ markdownToHtml });
