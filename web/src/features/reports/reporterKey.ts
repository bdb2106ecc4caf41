// The private key of an anonymous reporter is kept per report for this browser tab
// only (sessionStorage) and sent as X-Reporter-Token; it is never put in a cookie.
const prefix = 'demopolis.reporter.';

export function saveReporterKey(code: string, key: string): void {
  try {
    sessionStorage.setItem(prefix + code, key);
  } catch {
    // storage blocked: the key still works from the link itself
  }
}

export function loadReporterKey(code: string): string | null {
  try {
    return sessionStorage.getItem(prefix + code);
  } catch {
    return null;
  }
}

export function reporterHeaders(code: string): Record<string, string> | undefined {
  const key = loadReporterKey(code);
  return key ? { 'X-Reporter-Token': key } : undefined;
}
