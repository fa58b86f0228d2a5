/**
 * The default example's text alone (content-library.ts's DEFAULT_EXAMPLE), in a chunk of its own:
 * the first visit opens it without waiting for the whole library's chunk (330 KB of every content file).
 */
import text from '../../../../content/autoscaling-100-to-1000-qps.yaml?raw';

/** The YAML of content/autoscaling-100-to-1000-qps.yaml. */
export const DEFAULT_EXAMPLE_TEXT: string = text;
