import type { Tx } from '../../platform/db/database.ts';
import { enqueue, type OutboxChannel } from '../../platform/outbox/outbox.ts';
import { reportsRepository as repo, type ReportRow } from './reports.repository.ts';
import { STATE_LABELS } from './reports.states.ts';

const CLOSE_REASON_TEXT: Record<string, { th: string; en: string }> = {
  not_our_responsibility: { th: 'ไม่อยู่ในความรับผิดชอบของหน่วยงาน', en: 'not the responsibility of this agency' },
  duplicate: { th: 'ซ้ำกับเรื่องที่มีผู้แจ้งไว้แล้ว', en: 'a duplicate of an earlier report' },
  cannot_fix: { th: 'ไม่สามารถแก้ไขได้', en: 'it cannot be fixed' },
  withdrawn: { th: 'ผู้แจ้งถอนเรื่อง', en: 'withdrawn by the reporter' },
  invalid: { th: 'ข้อมูลไม่เพียงพอหรือไม่ใช่ปัญหาที่รับแจ้ง', en: 'not a report the city can act on' },
};

/** The sentence a person gets when their report moves, in their language. */
export function stateChangeText(report: Pick<ReportRow, 'code' | 'state' | 'close_reason' | 'agency_name_th' | 'agency_name_en'>, locale: 'th' | 'en'): string {
  const state = STATE_LABELS[report.state][locale];
  const reason = report.close_reason ? CLOSE_REASON_TEXT[report.close_reason]?.[locale] : null;
  if (locale === 'en') {
    return `Your report ${report.code} is now: ${state}${reason ? ` (${reason})` : ''}. ${report.agency_name_en}.`;
  }
  return `เรื่อง ${report.code} ของคุณ: ${state}${reason ? ` (${reason})` : ''} — ${report.agency_name_th}`;
}

/**
 * Tells everyone subscribed to a report (the reporter's LINE, SMS...) that its state
 * changed. Runs inside the change's transaction, through the outbox.
 */
export async function notifyStateChange(trx: Tx, report: ReportRow, publicUrl: string): Promise<number> {
  const targets = await repo.subscriptions(trx, report.id);
  for (const t of targets) {
    await enqueue(trx, {
      channel: t.channel as OutboxChannel,
      recipient: t.address,
      text: stateChangeText(report, t.locale),
      link: `${publicUrl}/r/${report.code}`,
      subject: { type: 'report', id: report.code },
    });
  }
  return targets.length;
}
