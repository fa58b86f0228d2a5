/**
 * The default example (default-example-file.ts's DEFAULT_EXAMPLE) as the document `yamlToDoc` reads from
 * its YAML, read at build time (scripts/yaml-doc-plugin.ts): what the page opens and the worker starts
 * running on a first visit, without either parsing YAML first.
 */
import doc from '../../../../content/autoscaling-100-to-1000-qps.yaml?doc';
import type { PlainObject } from './doc-path.ts';

/** content/autoscaling-100-to-1000-qps.yaml as a document (with its spec.canvas). */
export const DEFAULT_EXAMPLE_DOC: PlainObject = doc;
