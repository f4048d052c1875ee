import { describe, expect, it } from 'vitest';
import { readAiSettings, writeAiSettings } from './ai-settings';

const allMasked = { email: true, phone: true, apiKey: true, token: true, card: true };

describe('project AI settings form', () => {
  it('reads the defaults: no limits, everything masked', () => {
    expect(readAiSettings({})).toEqual({ monthlyTokenLimit: '', monthlyCostLimitUsd: '', masked: allMasked });
  });

  it('reads limits, masking off, and single categories left unmasked', () => {
    expect(readAiSettings({ ai: { monthlyTokenLimit: 200000, monthlyCostLimitUsd: 5, pii: false } })).toEqual({ monthlyTokenLimit: '200000', monthlyCostLimitUsd: '5', masked: { email: false, phone: false, apiKey: false, token: false, card: false } });
    expect(readAiSettings({ ai: { pii: { email: false } } }).masked).toEqual({ ...allMasked, email: false });
  });

  it('writes only what differs from the defaults and keeps the rest of the settings', () => {
    const settings = { theme: 'dark', ai: { other: 1, monthlyTokenLimit: 5 } };
    expect(writeAiSettings(settings, { monthlyTokenLimit: '', monthlyCostLimitUsd: '2.5', masked: { ...allMasked, email: false } })).toEqual({
      theme: 'dark',
      ai: { other: 1, monthlyCostLimitUsd: 2.5, pii: { email: false } },
    });
    expect(writeAiSettings({}, { monthlyTokenLimit: '1000', monthlyCostLimitUsd: '', masked: { email: false, phone: false, apiKey: false, token: false, card: false } })).toEqual({ ai: { monthlyTokenLimit: 1000, pii: false } });
    expect(writeAiSettings({}, { monthlyTokenLimit: '1.5', monthlyCostLimitUsd: '-3', masked: allMasked })).toEqual({ ai: {} });
  });
});
