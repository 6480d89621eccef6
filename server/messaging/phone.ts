// Phone numbers as the provider wants them (E.164), from what charts hold ("614-555-0123").
export function toE164(value: string | undefined, defaultCountry = '1'): string | undefined {
  if (!value) return undefined;
  const digits = value.replace(/[^\d+]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  const bare = digits.replace(/\D/g, '');
  if (defaultCountry === '1' && bare.length === 10) return `+1${bare}`;
  if (defaultCountry === '1' && bare.length === 11 && bare.startsWith('1')) return `+${bare}`;
  return undefined;
}

/** Shown in the app: the last four digits only, enough to tell two numbers apart. */
export function maskedPhone(e164: string): string {
  return `…${e164.slice(-4)}`;
}
