/**
 * Keys the JSON Schema lists as `required` for an object whose zod schema writes them optional, so that one
 * refinement can report all that are missing in one line (a custom `llm.model` shape): editors still flag a
 * missing key. Read by json-schema.ts.
 */
import * as z from 'zod';

/** Object schema → the keys its JSON Schema requires. */
export const jsonSchemaRequired = z.registry<{ required: readonly string[] }>();
