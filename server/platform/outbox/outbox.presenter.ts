import type { OutboxRow } from './outbox.repository.ts';

/**
 * A recipient address as staff may see it. Addresses are personal data: enough is
 * kept to tell two apart or match a caller's number, never enough to contact anyone.
 *   +66812345678 → +668•••••678   somchai@example.org → s•••@example.org
 *   U4af4980629…  → U4a…2e (first three, last two)
 */
export function maskRecipient(channel: string, recipient: string): string {
  const r = recipient.trim();
  const at = r.lastIndexOf('@');
  if (channel === 'email' || (at > 0 && at < r.length - 1)) {
    return at > 0 ? `${r[0]}•••${r.slice(at)}` : '•••';
  }
  // Platform ids can be all digits too (Messenger PSIDs, X ids): only SMS or a "+" makes a phone number.
  if (channel === 'sms' || /^\+\d[\d\s-]{6,}$/.test(r)) {
    const compact = r.replace(/[\s-]/g, '');
    if (compact.length < 9) return `${compact.slice(0, 2)}${'•'.repeat(Math.max(3, compact.length - 2))}`;
    return `${compact.slice(0, 4)}${'•'.repeat(compact.length - 7)}${compact.slice(-3)}`;
  }
  const chars = Array.from(r);
  if (chars.length <= 6) return `${chars[0] ?? ''}…`;
  return `${chars.slice(0, 3).join('')}…${chars.slice(-2).join('')}`;
}

function subjectOf(payload: unknown): { type: string; id: string } | null {
  const p = (typeof payload === 'string' ? JSON.parse(payload) : payload) as { subject?: { type?: unknown; id?: unknown } | null } | null;
  const s = p?.subject;
  return s && typeof s.type === 'string' && typeof s.id === 'string' ? { type: s.type, id: s.id } : null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * One outbox message for the staff view. Whitelisted: the recipient is masked and the
 * message text is left out (it is the person's business; the subject says what it was about).
 */
export function presentOutboxMessage(row: OutboxRow, abilities: { retry: boolean }) {
  return {
    id: row.id,
    channel: row.channel,
    recipient: maskRecipient(row.channel, row.recipient),
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    last_error: row.last_error,
    subject: subjectOf(row.payload),
    created_at: iso(row.created_at)!,
    delivered_at: iso(row.delivered_at),
    abilities,
  };
}
