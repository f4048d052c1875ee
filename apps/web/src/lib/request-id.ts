type RandomSource = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>; randomUUID?: () => string };

/**
 * A random v4 UUID for an idempotent request. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); `getRandomValues` everywhere, so the app also works over plain http on a LAN.
 */
export function newRequestId(source: RandomSource = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
