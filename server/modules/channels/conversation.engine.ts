/**
 * The one conversation every chat channel (LINE, Messenger, X) shares. Pure: it takes
 * the stored state and what the person just sent (already fetched and checked by the
 * service) and says what the new state is, what to answer, and whether to file now.
 * No I/O, no clock of its own, no platform details.
 */
import type { Locale } from '../../platform/i18n/locale.ts';
import { statusText, type StatusLookup } from './conversation.status.ts';
import { say, TEXTS } from './conversation.texts.ts';

export const CHAT_PLATFORMS = { line: 'line', facebook: 'facebook', x: 'x' } as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[keyof typeof CHAT_PLATFORMS];

export const STEPS = { collecting: 'collecting', confirming: 'confirming', editing: 'editing', filing: 'filing' } as const;
export type Step = (typeof STEPS)[keyof typeof STEPS];

export const MAX_PHOTOS = 4;
export const MAX_DESCRIPTION = 4000;
/** Silence after which a draft is forgotten. */
export const CONVERSATION_TTL_MS = 24 * 3600 * 1000;
/** A filing that has not finished by then was interrupted (crash): it may be confirmed again. */
export const FILING_STALE_MS = 2 * 60 * 1000;

export interface CategoryChoice { code: string; name_th: string; name_en: string }
export interface DraftLocation { lat: number; lng: number; address: string | null; district_th: string; district_en: string }

export interface ConversationState {
  v: 1;
  step: Step;
  locale: Locale;
  description: string | null;
  location: DraftLocation | null;
  photos: number;
  noPhoto: boolean;
  category: CategoryChoice | null;
  /** True once the person picked the category themself: a later edit keeps it. */
  categoryPicked: boolean;
  choices: CategoryChoice[];
  filingSince: string | null;
}

export const PHOTO_PROBLEMS = { notAnImage: 'not_an_image', tooLarge: 'too_large', unavailable: 'unavailable' } as const;
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[keyof typeof PHOTO_PROBLEMS];

export type { StatusLookup, StatusReport } from './conversation.status.ts';

/** One message from the person, as the service prepared it. Several parts may come together (an X DM with text and a photo). */
export interface Inbound {
  text?: string | null;
  location?: { lat: number; lng: number; address?: string | null } | null;
  /** Photos fetched and checked, offered for keeping. */
  photos?: number;
  photoProblem?: PhotoProblem | null;
  unsupported?: boolean;
  follow?: boolean;
  /** X mentions: a public post cannot hold a dialogue, so file as soon as everything is there. */
  fileWhenComplete?: boolean;
  /** The answer to a status command, looked up by the service beforehand. */
  status?: StatusLookup | null;
}

export interface Reply { text: string; link?: string; quickReplies?: Array<{ label: string; text: string }> }

export interface Outcome {
  state: ConversationState;
  replies: Reply[];
  /** How many of the offered photos to keep. */
  keepPhotos: number;
  /** Delete every photo kept so far (cancel). */
  discardPhotos: boolean;
  /** File the report now (the state is in step 'filing'). */
  file: boolean;
  /** What happened, for the audit trail; null when the state did not change. */
  action: 'update' | 'cancel' | 'confirm' | null;
}

export type Locate = (lat: number, lng: number) => { inside: true; district_th: string; district_en: string } | { inside: false };

export interface EngineContext {
  now: Date;
  publicUrl: string;
  /** Best categories first, at most three, never empty. */
  suggest: (text: string) => CategoryChoice[];
  locate: Locate;
}

export type Command =
  | { kind: 'status'; code: string | null }
  | { kind: 'cancel' | 'confirm' | 'edit' | 'help' | 'no_photo' }
  | { kind: 'choice'; index: number };

export function freshState(locale: Locale = 'th'): ConversationState {
  return { v: 1, step: STEPS.collecting, locale, description: null, location: null, photos: 0, noPhoto: false, category: null, categoryPicked: false, choices: [], filingSince: null };
}

export function isEmptyDraft(s: ConversationState): boolean {
  return s.step === STEPS.collecting && !s.description && !s.location && s.photos === 0 && !s.noPhoto;
}

/** Thai when the person writes Thai, English when they write English, otherwise as before. */
export function detectLocale(text: string, fallback: Locale): Locale {
  if (/[\u0E00-\u0E7F]/.test(text)) return 'th';
  if (/[a-z]{2,}/i.test(text)) return 'en';
  return fallback;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const normalise = (text: string) => text.trim().replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d))).replace(/\s+/g, ' ');

const WORDS: Array<[Command['kind'], RegExp]> = [
  ['cancel', /^(ยกเลิก|เริ่มใหม่|cancel|stop|reset|start over)[.!]?$/i],
  ['confirm', /^(ยืนยัน|ตกลง|ส่งเลย|ส่งเรื่อง|confirm|yes|ok|okay|send)[.!]?$/i],
  ['edit', /^(แก้ไข|แก้|edit|change)[.!]?$/i],
  ['help', /^(สวัสดี\S*|หวัดดี\S*|ช่วยเหลือ|วิธีใช้|เมนู|แจ้งปัญหา|แจ้งเรื่อง|hi|hello|help|menu|start|report)[.!]?$/i],
  ['no_photo', /^(ไม่มีรูป\S*|ไม่มีภาพ\S*|no photos?|no pictures?|skip photos?|skip)[.!]?$/i],
];

/** A whole message that is a command, or null for ordinary text. */
export function parseCommand(raw: string): Command | null {
  const text = normalise(raw);
  const status = /^(?:สถานะ|ติดตาม|ติดตามเรื่อง|status|track)(?:\s*[:#：]\s*|\s+|$)(.*)$/i.exec(text);
  if (status) return { kind: 'status', code: status[1]!.trim() ? status[1]!.trim().toUpperCase() : null };
  const choice = /^([1-3])$/.exec(text);
  if (choice) return { kind: 'choice', index: Number(choice[1]) - 1 };
  for (const [kind, pattern] of WORDS) if (pattern.test(text)) return { kind } as Command;
  return null;
}

/**
 * Coordinates typed in a message ("13.7563, 100.5018"); the rest of the text is returned
 * too. Longitude-first pairs are recognised by their size (Bangkok's longitude > 90).
 */
export function parseTypedCoordinates(raw: string): { lat: number; lng: number; rest: string } | null {
  const m = /(-?\d{1,3}\.\d{3,})\s*[,，\s]\s*(-?\d{1,3}\.\d{3,})/.exec(raw);
  if (!m) return null;
  let lat = Number(m[1]);
  let lng = Number(m[2]);
  if (Math.abs(lat) > 90 && Math.abs(lng) <= 90) [lat, lng] = [lng, lat];
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  const rest = (raw.slice(0, m.index) + raw.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
  return { lat, lng, rest };
}

function missing(s: ConversationState): Array<'location' | 'photo' | 'description'> {
  const out: Array<'location' | 'photo' | 'description'> = [];
  if (!s.location) out.push('location');
  if (s.photos === 0 && !s.noPhoto) out.push('photo');
  if (!s.description) out.push('description');
  return out;
}

function prompt(s: ConversationState): string {
  const next = missing(s)[0];
  if (next === 'location') return say(TEXTS.askLocation, s.locale);
  if (next === 'photo') return say(TEXTS.askPhoto, s.locale);
  return say(TEXTS.askDescription, s.locale);
}

const name = (c: { name_th: string; name_en: string }, locale: Locale) => (locale === 'en' ? c.name_en : c.name_th);

/** The confirmation step: what will be filed, and the way to change it. */
export function summary(s: ConversationState): Reply {
  const l = s.locale;
  const description = s.description!.length > 300 ? `${s.description!.slice(0, 300)}…` : s.description!;
  const district = l === 'en' ? s.location!.district_en : `เขต${s.location!.district_th}`;
  const place = s.location!.address ? `${district} (${s.location!.address})` : district;
  const choices = s.choices.map((c, i) => `${i + 1}) ${name(c, l)}`).join('  ');
  const lines = [
    say(TEXTS.summaryTitle, l),
    `• ${say(TEXTS.summaryProblem, l)}: ${description}`,
    `• ${say(TEXTS.summaryLocation, l)}: ${place}`,
    `• ${say(TEXTS.summaryPhotos, l)}: ${s.photos > 0 ? say(TEXTS.summaryPhotoCount, l, { n: s.photos }) : say(TEXTS.summaryNoPhoto, l)}`,
    `• ${say(TEXTS.summaryCategory, l)}: ${name(s.category!, l)}`,
    '',
    say(TEXTS.summaryAsk, l),
    ...(s.choices.length > 1 ? [say(TEXTS.summaryChoices, l, { choices })] : []),
  ];
  const word = (w: { th: string; en: string }) => ({ label: say(w, l), text: say(w, l) });
  return {
    text: lines.join('\n'),
    quickReplies: [
      word(TEXTS.confirmWord),
      ...s.choices.filter((c) => c.code !== s.category!.code).map((c) => ({ label: name(c, l).slice(0, 20), text: name(c, l) })),
      word(TEXTS.editWord),
      word(TEXTS.cancelWord),
    ],
  };
}

function suggestInto(s: ConversationState, ctx: EngineContext): void {
  const choices = ctx.suggest(s.description ?? '').slice(0, 3);
  s.choices = choices;
  if (!s.categoryPicked || !s.category) {
    s.category = choices[0] ?? null;
    s.categoryPicked = false;
  }
}

/** A typed category name (one of the offered choices) picks it. */
function choiceByName(s: ConversationState, text: string): number {
  const wanted = normalise(text).toLowerCase();
  return s.choices.findIndex((c) => c.name_th.toLowerCase() === wanted || c.name_en.toLowerCase() === wanted);
}

export function handle(before: ConversationState, inbound: Inbound, ctx: EngineContext): Outcome {
  const s: ConversationState = structuredClone(before);
  const replies: Reply[] = [];
  const out = (extra: Partial<Outcome> = {}): Outcome => {
    const changed = JSON.stringify(s) !== JSON.stringify(before);
    return { state: s, replies, keepPhotos: 0, discardPhotos: false, file: false, action: changed ? 'update' : null, ...extra };
  };
  const rawText = inbound.text?.trim() ?? '';
  if (rawText) s.locale = detectLocale(rawText, s.locale);
  const l = s.locale;
  const command = rawText && !inbound.location && !inbound.photos && !inbound.photoProblem ? parseCommand(rawText) : null;

  if (command?.kind === 'status') {
    replies.push({ text: command.code ? statusText(inbound.status ?? null, command.code, l) : say(TEXTS.statusAskCode, l) });
    return out();
  }
  if (s.step === STEPS.filing) {
    const stale = !s.filingSince || ctx.now.getTime() - Date.parse(s.filingSince) > FILING_STALE_MS;
    if (!stale) {
      replies.push({ text: say(TEXTS.filing, l) });
      return out();
    }
    s.step = STEPS.confirming;
    s.filingSince = null;
  }
  if (inbound.follow) {
    replies.push({ text: say(TEXTS.welcome, l) });
    return out();
  }
  if (command?.kind === 'cancel') {
    if (isEmptyDraft(before)) {
      replies.push({ text: say(TEXTS.nothingToCancel, l) });
      return out();
    }
    const reset = freshState(l);
    Object.assign(s, reset);
    replies.push({ text: say(TEXTS.cancelled, l) });
    return out({ discardPhotos: true, action: 'cancel' });
  }
  if (command?.kind === 'help') {
    replies.push({ text: isEmptyDraft(s) ? say(TEXTS.welcome, l) : prompt(s) });
    return out();
  }
  if (command?.kind === 'confirm') {
    if ((s.step === STEPS.confirming || s.step === STEPS.editing) && missing(s).length === 0 && s.category) {
      s.step = STEPS.filing;
      s.filingSince = ctx.now.toISOString();
      return out({ file: true, action: 'confirm' });
    }
    if (s.step === STEPS.confirming || s.step === STEPS.editing) return reviewed(s, replies, ctx, out);
    replies.push({ text: `${say(TEXTS.notReady, l)} ${prompt(s)}` });
    return out();
  }
  if (command?.kind === 'edit') {
    if (s.step === STEPS.confirming || s.step === STEPS.editing) {
      s.step = STEPS.editing;
      replies.push({ text: say(TEXTS.editHow, l) });
    } else {
      replies.push({ text: prompt(s) });
    }
    return out();
  }
  if (command?.kind === 'choice' || (s.step === STEPS.confirming && rawText && choiceByName(s, rawText) >= 0)) {
    const index = command?.kind === 'choice' ? command.index : choiceByName(s, rawText);
    const picked = s.step === STEPS.confirming || s.step === STEPS.editing ? s.choices[index] : undefined;
    if (picked) {
      s.category = picked;
      s.categoryPicked = true;
      s.step = STEPS.confirming;
      replies.push(summary(s));
    } else {
      replies.push({ text: prompt(s) });
    }
    return out();
  }
  if (command?.kind === 'no_photo') s.noPhoto = s.photos === 0;

  // Acknowledgements are dropped once the summary shows everything; warnings never are.
  const info: string[] = [];
  const warn: string[] = [];
  let keepPhotos = 0;
  let text = command ? '' : rawText;
  let location = inbound.location ?? null;
  if (text && !location) {
    const typed = parseTypedCoordinates(text);
    if (typed) {
      location = { lat: typed.lat, lng: typed.lng, address: null };
      text = typed.rest;
    }
  }
  if (location) {
    const found = ctx.locate(location.lat, location.lng);
    if (found.inside) {
      s.location = { lat: location.lat, lng: location.lng, address: location.address?.trim().slice(0, 300) || null, district_th: found.district_th, district_en: found.district_en };
      info.push(say(TEXTS.gotLocation, l, { district: l === 'en' ? found.district_en : found.district_th }));
    } else {
      warn.push(say(TEXTS.outsideBangkok, l));
    }
  }
  if (inbound.photoProblem) {
    const problem = { not_an_image: TEXTS.notAnImage, too_large: TEXTS.photoTooLarge, unavailable: TEXTS.photoUnavailable }[inbound.photoProblem];
    warn.push(say(problem, l));
  }
  if (inbound.photos) {
    keepPhotos = Math.max(0, Math.min(inbound.photos, MAX_PHOTOS - s.photos));
    s.photos += keepPhotos;
    if (keepPhotos > 0) {
      s.noPhoto = false;
      info.push(say(TEXTS.gotPhotos, l, { n: s.photos }));
    }
    if (keepPhotos < inbound.photos) warn.push(say(TEXTS.tooManyPhotos, l));
  }
  if (command?.kind === 'no_photo' && s.noPhoto) info.push(say(TEXTS.noPhotoNoted, l));
  if (text) {
    const replacing = s.step === STEPS.editing || !s.description;
    const next = replacing ? text : `${s.description}\n${text}`;
    if (next.length > MAX_DESCRIPTION) {
      warn.push(say(TEXTS.descriptionTooLong, l));
    } else {
      s.description = next;
      info.push(say(TEXTS.gotDescription, l));
    }
  }
  if (inbound.unsupported) warn.push(say(TEXTS.unsupported, l));

  if (missing(s).length === 0) {
    if (s.description !== before.description || !s.category) suggestInto(s, ctx);
    if (inbound.fileWhenComplete && s.category) {
      s.step = STEPS.filing;
      s.filingSince = ctx.now.toISOString();
      return out({ keepPhotos, file: true, action: 'confirm' });
    }
    s.step = STEPS.confirming;
    if (warn.length > 0) replies.push({ text: warn.join('\n') });
    replies.push(summary(s));
    return out({ keepPhotos });
  }
  if (s.step !== STEPS.collecting) s.step = STEPS.collecting;
  replies.push({ text: [...info, ...warn, prompt(s)].join('\n') });
  return out({ keepPhotos });
}

function reviewed(s: ConversationState, replies: Reply[], ctx: EngineContext, out: (extra?: Partial<Outcome>) => Outcome): Outcome {
  if (missing(s).length > 0) {
    s.step = STEPS.collecting;
    replies.push({ text: prompt(s) });
    return out();
  }
  if (!s.category) suggestInto(s, ctx);
  s.step = STEPS.confirming;
  replies.push(summary(s));
  return out();
}

/** After the report is filed: a clean slate (keeping the language) and the tracking number. */
export function afterFiled(s: ConversationState, filed: { code: string; agency: { name_th: string; name_en: string } | null }, ctx: EngineContext): Outcome {
  const link = `${ctx.publicUrl}/r/${filed.code}`;
  const l = s.locale;
  const agency = filed.agency ? name(filed.agency, l) : '-';
  return {
    state: freshState(l),
    replies: [{ text: say(TEXTS.filed, l, { code: filed.code, agency, link }), link }],
    keepPhotos: 0,
    discardPhotos: true,
    file: false,
    action: 'update',
  };
}

/**
 * Filing was refused (the service's bilingual reason) or failed. A location outside
 * Bangkok sends the person back to the location; a bad photo back to the photos;
 * anything else back to the confirmation, to try again.
 */
export function afterFilingFailed(s: ConversationState, reason: { code: string; th: string; en: string } | null): Outcome {
  const next: ConversationState = { ...structuredClone(s), step: STEPS.confirming, filingSince: null };
  const l = next.locale;
  let discardPhotos = false;
  const replies: Reply[] = [];
  if (reason?.code === 'outside_bangkok' || reason?.code === 'invalid_location') {
    next.location = null;
    next.step = STEPS.collecting;
    replies.push({ text: `${say(TEXTS.outsideBangkok, l)}` });
  } else if (reason && /image|photo/.test(reason.code)) {
    next.photos = 0;
    next.step = STEPS.collecting;
    discardPhotos = true;
    replies.push({ text: `${say(TEXTS.notAnImage, l)}` });
  } else {
    replies.push({ text: reason ? say(TEXTS.filingFailed, l, { reason: reason[l] }) : say(TEXTS.filingFailedRetry, l) });
  }
  if (next.step === STEPS.collecting) replies.push({ text: prompt(next) });
  else if (reason) replies.push(summary(next));
  return { state: next, replies, keepPhotos: 0, discardPhotos, file: false, action: 'update' };
}
