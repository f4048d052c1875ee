/** What the guardrail looks for. Each category can be switched on or off per project. */
export type PiiCategory = 'email' | 'phone' | 'apiKey' | 'token' | 'card';

export const PII_CATEGORIES: readonly PiiCategory[] = ['email', 'phone', 'apiKey', 'token', 'card'];

/** Which categories to mask; a missing key means on. `false` turns masking off entirely. */
export type PiiPolicy = Partial<Record<PiiCategory, boolean>>;

export interface PiiFinding {
  category: PiiCategory;
  start: number;
  end: number;
  /** Which rule matched, e.g. `github`, `jwt`, `luhn`. */
  kind: string;
}

export interface MaskResult {
  text: string;
  findings: PiiFinding[];
  counts: Record<PiiCategory, number>;
}

const REPLACEMENT: Record<PiiCategory, string> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  apiKey: '[API_KEY]',
  token: '[TOKEN]',
  card: '[CARD]',
};

interface Rule {
  category: PiiCategory;
  kind: string;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

// Earlier rules win when matches overlap: secrets first, then emails, cards, phones.
const RULES: Rule[] = [
  { category: 'token', kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  { category: 'token', kind: 'bearer', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi },
  { category: 'apiKey', kind: 'openai', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { category: 'apiKey', kind: 'anthropic', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { category: 'apiKey', kind: 'github', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { category: 'apiKey', kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  { category: 'apiKey', kind: 'slack', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { category: 'apiKey', kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { category: 'apiKey', kind: 'stripe', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { category: 'apiKey', kind: 'google', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  {
    // `aws_secret_access_key = ...`, `api_key: "..."`, `password=...`: the value only.
    category: 'apiKey',
    kind: 'assignment',
    pattern: /(?<=\b(?:[A-Za-z0-9]+[_-])*(?:api[_-]?key|secret(?:[_-]access)?[_-]?key|secret|passw(?:or)?d|access[_-]?token|auth[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?)[^\s"',;]{8,}/gi,
  },
  { category: 'email', kind: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b/g },
  { category: 'card', kind: 'luhn', pattern: /\b\d(?:[ -]?\d){12,18}\b/g, accept: (match) => luhnValid(match.replace(/\D/g, '')) },
  {
    category: 'phone',
    kind: 'phone',
    pattern: /(?<![\w.+-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w.-]?\d)|(?<![\w+])\+\d{9,15}\b/g,
    accept: (match) => {
      const digits = match.replace(/\D/g, '').length;
      if (digits < 9 || digits > 15) return false;
      // Not an IPv4 address, a dotted version number or an ISO date.
      if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(match) || /^\d{4}-\d{2}-\d{2}/.test(match)) return false;
      return match.startsWith('+') || match.startsWith('(') || /[\s.-]/.test(match);
    },
  },
];

/** Luhn checksum of a digit string, as card numbers carry. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function enabled(policy: PiiPolicy, category: PiiCategory): boolean {
  return policy[category] !== false;
}

/** Every PII finding of an enabled category, without overlaps, in text order. */
export function detectPii(text: string, policy: PiiPolicy = {}): PiiFinding[] {
  const taken: PiiFinding[] = [];
  for (const rule of RULES) {
    if (!enabled(policy, rule.category)) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (rule.accept && !rule.accept(match[0])) continue;
      if (taken.some((found) => start < found.end && end > found.start)) continue;
      taken.push({ category: rule.category, kind: rule.kind, start, end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Replaces each finding with a placeholder such as `[EMAIL]` or `[API_KEY]`. */
export function maskPii(text: string, policy: PiiPolicy = {}): MaskResult {
  const findings = detectPii(text, policy);
  const counts: Record<PiiCategory, number> = { email: 0, phone: 0, apiKey: 0, token: 0, card: 0 };
  let masked = '';
  let cursor = 0;
  for (const finding of findings) {
    masked += text.slice(cursor, finding.start) + REPLACEMENT[finding.category];
    cursor = finding.end;
    counts[finding.category] += 1;
  }
  masked += text.slice(cursor);
  return { text: masked, findings, counts };
}
