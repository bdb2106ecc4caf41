// The running total of the budget table, exact in satang as the server computes it:
// amount = quantity × unit cost rounded to the satang (half up). Never a float.

/** "1,250.50" → 125050 (hundredths); null when it is not a plain non-negative amount with ≤ 2 decimals. */
export function parseHundredths(text: string): bigint | null {
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
}

export function lineAmount(quantity: string, unitCost: string): bigint | null {
  const q = parseHundredths(quantity);
  const u = parseHundredths(unitCost);
  if (q === null || u === null || q === 0n) return null;
  return (q * u + 50n) / 100n;
}

/** Satang as baht text for a form field: 120000 → "1200", 121443 → "1214.43". */
export function satangToInput(satang: string): string {
  const s = BigInt(satang);
  const rest = s % 100n;
  return rest === 0n ? (s / 100n).toString() : `${s / 100n}.${rest.toString().padStart(2, '0')}`;
}

/** "12.50" → "12.5", "3.00" → "3". */
export function quantityToInput(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
