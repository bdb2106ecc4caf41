import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { loadParts } from '../i18n/catalog';
import type { Part } from '../i18n/catalog';

export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts downloading the page and its texts; the page renders once both are here. */
  preload: () => Promise<unknown>;
};

/**
 * A page in its own chunk, together with the dictionary parts it shows: both download
 * side by side, and the page first renders with every text in place (it suspends until
 * then, so the layout's loader shows meanwhile).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, parts: readonly Part[] = []): LazyPage {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const preload = () =>
    (loading ??= Promise.all([load(), loadParts(parts)]).then(
      ([page]) => page,
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return Object.assign(lazy(preload), { preload });
}
