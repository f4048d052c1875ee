import type { z } from 'zod';

/**
 * A valid-looking value for a zod 4 schema, so the cross-tenant test can call any procedure
 * without knowing its input. `uuidFor(key)` decides every uuid (that is where the other team's ids
 * go). Optional fields are left out unless they look like ids.
 */
export function sampleInput(schema: z.ZodType, uuidFor: (key: string) => string, key = ''): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const checks = ((def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []).map((check) => check._zod.def);
  const check = (name: string) => checks.find((c) => c.check === name);
  const inner = (name: string) => def[name] as z.ZodType;
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const type = (value as unknown as { _zod: { def: { type: string } } })._zod.def.type;
        if (type === 'optional' && !/(^id$|Id$|Ids$)/.test(field)) continue;
        out[field] = sampleInput(value, uuidFor, field);
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return sampleInput(inner('innerType'), uuidFor, key);
    case 'pipe':
      return sampleInput(inner('in'), uuidFor, key);
    case 'lazy':
      return sampleInput((def.getter as () => z.ZodType)(), uuidFor, key);
    case 'string': {
      switch (def.format) {
        case 'uuid':
        case 'guid':
          return uuidFor(key);
        case 'email':
          return 'someone@example.test';
        case 'datetime':
          return new Date(Date.now() + 86_400_000).toISOString();
        case 'date':
          return '2030-01-01';
        case 'url':
          return 'https://example.test/x';
        default: {
          const min = Number(check('min_length')?.minimum ?? check('length_equals')?.length ?? 1);
          const max = Number(check('max_length')?.maximum ?? check('length_equals')?.length ?? 10);
          return 'abcdefgh'.repeat(Math.ceil(Math.max(min, 3) / 8)).slice(0, Math.min(Math.max(min, 3), max));
        }
      }
    }
    case 'number':
    case 'int': {
      const low = check('greater_than');
      return low ? Number(low.value) + (low.inclusive ? 0 : 1) : 1;
    }
    case 'bigint':
      return 1n;
    case 'boolean':
      return false;
    case 'date':
      return new Date(Date.now() + 86_400_000);
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array': {
      const min = Number(check('min_length')?.minimum ?? (/Ids$/.test(key) ? 1 : 0));
      return Array.from({ length: min }, () => sampleInput(inner('element'), uuidFor, key.replace(/s$/, '')));
    }
    case 'tuple':
      return (def.items as z.ZodType[]).map((item) => sampleInput(item, uuidFor, key));
    case 'union':
      return sampleInput((def.options as z.ZodType[])[0]!, uuidFor, key);
    case 'intersection':
      return { ...(sampleInput(inner('left'), uuidFor, key) as object), ...(sampleInput(inner('right'), uuidFor, key) as object) };
    case 'record':
      return {};
    case 'null':
      return null;
    default:
      return undefined;
  }
}
