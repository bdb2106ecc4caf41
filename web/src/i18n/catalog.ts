// The dictionaries, loaded on demand: each language's core and each module's part is its
// own chunk, so a phone downloads the active language only, and a module's texts only
// when one of its pages opens (the router asks for them with the page, see lazyPage.ts).
import type { CoreKey } from './th';
import type { accountabilityTh } from './parts/accountability.th';
import type { adminTh } from './parts/admin.th';
import type { authTh } from './parts/auth.th';
import type { figuresTh } from './parts/figures.th';
import type { callcentreTh } from './parts/callcentre.th';
import type { communitiesTh } from './parts/communities.th';
import type { integrityTh } from './parts/integrity.th';
import type { open311Th } from './parts/open311.th';
import type { outboxTh } from './parts/outbox.th';
import type { plansTh } from './parts/plans.th';
import type { proposalsTh } from './parts/proposals.th';
import type { staffTh } from './parts/staff.th';

export type Lang = 'th' | 'en';

export type MessageKey =
  | CoreKey
  | keyof typeof accountabilityTh
  | keyof typeof adminTh
  | keyof typeof authTh
  | keyof typeof figuresTh
  | keyof typeof callcentreTh
  | keyof typeof communitiesTh
  | keyof typeof integrityTh
  | keyof typeof open311Th
  | keyof typeof outboxTh
  | keyof typeof plansTh
  | keyof typeof proposalsTh
  | keyof typeof staffTh;

type Messages = Partial<Record<MessageKey, string>>;
type Loaders = Record<Lang, () => Promise<Messages>>;

// Literal import() calls, so the bundler makes one chunk per file.
const loaders = {
  core: { th: () => import('./th').then((m) => m.th), en: () => import('./en').then((m) => m.en) },
  accountability: {
    th: () => import('./parts/accountability.th').then((m) => m.accountabilityTh),
    en: () => import('./parts/accountability.en').then((m) => m.accountabilityEn),
  },
  admin: { th: () => import('./parts/admin.th').then((m) => m.adminTh), en: () => import('./parts/admin.en').then((m) => m.adminEn) },
  auth: { th: () => import('./parts/auth.th').then((m) => m.authTh), en: () => import('./parts/auth.en').then((m) => m.authEn) },
  figures: { th: () => import('./parts/figures.th').then((m) => m.figuresTh), en: () => import('./parts/figures.en').then((m) => m.figuresEn) },
  callcentre: {
    th: () => import('./parts/callcentre.th').then((m) => m.callcentreTh),
    en: () => import('./parts/callcentre.en').then((m) => m.callcentreEn),
  },
  communities: {
    th: () => import('./parts/communities.th').then((m) => m.communitiesTh),
    en: () => import('./parts/communities.en').then((m) => m.communitiesEn),
  },
  integrity: {
    th: () => import('./parts/integrity.th').then((m) => m.integrityTh),
    en: () => import('./parts/integrity.en').then((m) => m.integrityEn),
  },
  open311: {
    th: () => import('./parts/open311.th').then((m) => m.open311Th),
    en: () => import('./parts/open311.en').then((m) => m.open311En),
  },
  outbox: {
    th: () => import('./parts/outbox.th').then((m) => m.outboxTh),
    en: () => import('./parts/outbox.en').then((m) => m.outboxEn),
  },
  plans: { th: () => import('./parts/plans.th').then((m) => m.plansTh), en: () => import('./parts/plans.en').then((m) => m.plansEn) },
  proposals: {
    th: () => import('./parts/proposals.th').then((m) => m.proposalsTh),
    en: () => import('./parts/proposals.en').then((m) => m.proposalsEn),
  },
  staff: { th: () => import('./parts/staff.th').then((m) => m.staffTh), en: () => import('./parts/staff.en').then((m) => m.staffEn) },
} satisfies Record<string, Loaders>;

export type Part = Exclude<keyof typeof loaders, 'core'>;
type Group = keyof typeof loaders;

const messages: Record<Lang, Messages> = { th: {}, en: {} };
const loading = new Map<string, Promise<void>>();
/** Every group a page has asked for so far: switching language loads them all first. */
const inUse = new Set<Group>(['core']);
/** The language on screen, and the one being switched to while its texts load. */
let shown: Lang = 'th';
let switchingTo: Lang | null = null;
let switches = 0;

function loadGroup(lang: Lang, group: Group): Promise<void> {
  const id = `${lang}:${group}`;
  let done = loading.get(id);
  if (!done) {
    done = loaders[group][lang]().then(
      (texts) => {
        Object.assign(messages[lang], texts);
      },
      (error: unknown) => {
        loading.delete(id); // a dropped connection must not stick: the next try fetches again
        throw error;
      },
    );
    loading.set(id, done);
  }
  return done;
}

/** Loads the core of `lang` before the first render; it becomes the language on screen. */
export function loadInitial(lang: Lang): Promise<void> {
  shown = lang;
  return loadGroup(lang, 'core');
}

/** Loads module parts in the language on screen (and the one being switched to, if any). */
export function loadParts(parts: readonly Part[]): Promise<void> {
  for (const part of parts) inUse.add(part);
  const langs = switchingTo && switchingTo !== shown ? [shown, switchingTo] : [shown];
  return Promise.all(langs.flatMap((lang) => parts.map((part) => loadGroup(lang, part)))).then(() => undefined);
}

/**
 * Loads everything the open pages use in `lang`, then reports whether this is still the
 * latest switch asked for (a second click while the first loads wins).
 */
export async function switchLanguage(lang: Lang): Promise<boolean> {
  const mine = ++switches;
  switchingTo = lang;
  try {
    let count: number;
    do {
      count = inUse.size; // a page may ask for a part while we load: load that too
      await Promise.all([...inUse].map((group) => loadGroup(lang, group)));
    } while (inUse.size !== count);
  } finally {
    if (mine === switches) switchingTo = null;
  }
  if (mine !== switches) return false;
  shown = lang;
  return true;
}

export function message(lang: Lang, key: MessageKey): string | undefined {
  return messages[lang][key];
}
