import { describe, expect, it } from 'vitest';
import { detectPii, luhnValid, maskPii } from './pii';

const secrets = {
  openai: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  github: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  githubPat: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  slack: 'xoxb-123456789012-123456789012-abcdefghijklmnop',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

describe('PII guardrails', () => {
  it('masks emails, phone numbers, keys, tokens and card numbers', () => {
    const text = [
      'Mail ana.lopez+dev@example.co.uk or call +44 20 7946 0958 / (415) 555-0132.',
      `OpenAI ${secrets.openai}, GitHub ${secrets.github} and ${secrets.githubPat}.`,
      `AWS ${secrets.aws}; aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
      `Slack ${secrets.slack}`,
      `Authorization: Bearer abcdef0123456789abcdef0123456789`,
      `session ${secrets.jwt}`,
      'Card 4111 1111 1111 1111 expires soon.',
    ].join('\n');
    const { text: masked, counts } = maskPii(text);
    for (const secret of Object.values(secrets)) expect(masked).not.toContain(secret);
    expect(masked).not.toContain('ana.lopez');
    expect(masked).not.toContain('7946');
    expect(masked).not.toContain('555-0132');
    expect(masked).not.toContain('wJalrXUtnFEMI');
    expect(masked).not.toContain('4111 1111');
    expect(masked).toContain('Mail [EMAIL] or call [PHONE] / [PHONE].');
    expect(masked).toContain('Card [CARD] expires soon.');
    expect(counts).toEqual({ email: 1, phone: 2, apiKey: 6, token: 2, card: 1 });
  });

  it('leaves ordinary numbers alone: dates, versions, IPs, item keys, non-Luhn digit runs', () => {
    const text = 'Released v2.14.3 on 2026-11-24 at 10:30 to 192.168.100.200; see DM-1234, order 4111 1111 1111 1112.';
    expect(maskPii(text).text).toBe(text);
  });

  it('is configurable per category', () => {
    const text = `write to bob@example.com with key ${secrets.github}`;
    expect(maskPii(text, { email: false }).text).toBe('write to bob@example.com with key [API_KEY]');
    expect(maskPii(text, { apiKey: false }).text).toBe(`write to [EMAIL] with key ${secrets.github}`);
    expect(detectPii(text, { email: false, apiKey: false })).toEqual([]);
  });

  it('checks card numbers with Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(false); // too short for a card
  });
});
