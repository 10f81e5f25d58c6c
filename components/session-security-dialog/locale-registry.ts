/**
 * Which messages to use for a language tag: English built in, the other built-in languages as
 * separate modules loaded on first use, and languages a page registers itself.
 */
import { type DialogStrings, englishStrings, pluralKeys } from './strings.js';

type LocaleModule = { default: DialogStrings };

// A static map of import() calls, so bundlers see every locale module and emit it as a chunk.
const builtInLoaders: Record<string, () => Promise<LocaleModule>> = {
  ar: () => import('./locales/ar.js'),
  ca: () => import('./locales/ca.js'),
  cs: () => import('./locales/cs.js'),
  cy: () => import('./locales/cy.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  'pt-PT': () => import('./locales/pt-PT.js'),
  uk: () => import('./locales/uk.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
};

/** The languages that ship with the dialog, English included. */
export const builtInLocales: readonly string[] = ['en', ...Object.keys(builtInLoaders)];

// Bare language subtags that map to a regional built-in. Portuguese without a region means
// Brazilian (most speakers); any other region (pt-AO, pt-MZ...) follows the European norm.
const languageDefaults: Record<string, string> = { pt: 'pt-BR', zh: 'zh-CN', iw: 'he' };

const registered = new Map<string, DialogStrings>();
const loaded = new Map<string, DialogStrings>([['en', englishStrings]]);
const loading = new Map<string, Promise<DialogStrings>>();

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

function keyIn(keys: Iterable<string>, wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  for (const key of keys) if (key.toLowerCase() === lower) return key;
  return undefined;
}

/**
 * The locale key for a language tag: an exact registered or built-in match, then the same
 * language without region/script, then English. `''` (no language known) gives English.
 */
export function matchLocale(lang: string): string {
  const tag = lang.trim();
  if (tag === '') return 'en';
  const known = [...registered.keys(), ...builtInLocales];
  const exact = keyIn(known, canonical(tag));
  if (exact) return exact;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return 'en';
  }
  const registeredLanguage = keyIn(registered.keys(), locale.language);
  if (registeredLanguage) return registeredLanguage;
  if (locale.language === 'pt' && locale.region !== undefined && locale.region !== 'BR') {
    return 'pt-PT';
  }
  return keyIn(known, languageDefaults[locale.language] ?? locale.language) ?? 'en';
}

/** The messages for a locale key if they are ready now (registered, built in or loaded). */
export function readyStrings(locale: string): DialogStrings | undefined {
  return registered.get(locale) ?? loaded.get(locale);
}

/** Loads a built-in locale module once; resolves to English for an unknown key. */
export function loadStrings(locale: string): Promise<DialogStrings> {
  const ready = readyStrings(locale);
  if (ready) return Promise.resolve(ready);
  const loader = builtInLoaders[locale];
  if (!loader) return Promise.resolve(englishStrings);
  let promise = loading.get(locale);
  if (!promise) {
    promise = loader().then((module) => {
      loaded.set(locale, module.default);
      return module.default;
    });
    loading.set(locale, promise);
  }
  return promise;
}

/**
 * Adds (or replaces) a language for every dialog on the page. Throws a specific error, and
 * registers nothing, when a text is missing or a plural category the language needs is absent.
 */
export function registerLocale(lang: string, strings: DialogStrings): void {
  const tag = canonical(lang);
  const problems = localeProblems(tag, strings);
  if (problems.length > 0) {
    throw new TypeError(`registerLocale('${lang}'): ${problems.join('; ')}`);
  }
  registered.set(tag, strings);
}

/** What is wrong with a set of messages for `lang` (empty when complete). */
export function localeProblems(lang: string, strings: DialogStrings): string[] {
  const problems: string[] = [];
  const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const key of Object.keys(englishStrings) as (keyof DialogStrings)[]) {
    const value: unknown = strings?.[key];
    if ((pluralKeys as readonly string[]).includes(key)) {
      if (typeof value !== 'object' || value === null) {
        problems.push(`${key} must be an object of plural forms`);
        continue;
      }
      for (const category of needed) {
        if (typeof (value as Record<string, unknown>)[category] !== 'string') {
          problems.push(`${key}.${category} is missing`);
        }
      }
    } else if (typeof value !== 'string' || value === '') {
      problems.push(`${key} must be a non-empty string`);
    }
  }
  return problems;
}
