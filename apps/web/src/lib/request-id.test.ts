import { describe, expect, it } from 'vitest';
import { newRequestId } from './request-id';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('makes distinct v4 UUIDs, also without crypto.randomUUID (plain http)', () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(array) };
    const ids = [newRequestId(), newRequestId(insecure), newRequestId(insecure)];
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(3);
  });
});
