import { ValidationError } from '../errors';

/** Where a column page ends: the last card's fractional position and id (the board's order). */
export interface ColumnCursor {
  position: string;
  id: string;
}

export function encodeColumnCursor(cursor: ColumnCursor): string {
  return Buffer.from(JSON.stringify([cursor.position, cursor.id])).toString('base64url');
}

export function decodeColumnCursor(raw: string): ColumnCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [position, id] = parsed as unknown[];
      if (typeof position === 'string' && position.length <= 200 && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { position, id };
    }
  } catch {
    // fall through
  }
  throw new ValidationError('Invalid cursor', { field: 'after' });
}
