/**
 * Which messages to use for a language tag: English built in, the other built-in languages as
 * separate modules loaded on first use, and languages a page registers itself.
 */
import { inheritedLang } from './lang-resolution.js';
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

const registered = new Map<string, DialogStrings>();
const loaded = new Map<string, Promise<DialogStrings>>();

/** `language` or `language-REGION` of a tag (scripts and variants dropped); null if invalid. */
function languageAndRegion(tag: string): [string, string | undefined] | null {
  try {
    const { language, region } = new Intl.Locale(tag.trim());
    return [language, region];
  } catch {
    return null;
  }
}

/**
 * The locale key for a language tag: a registered or built-in language with the same language
 * and region, then the same language, then English. Portuguese without a region means Brazilian
 * (most speakers), with any other region European; any Chinese means Simplified Chinese.
 */
export function matchLocale(lang: string): string {
  const parsed = languageAndRegion(lang);
  if (!parsed) return 'en';
  const [language, region] = parsed;
  const wanted = (region ? `${language}-${region}` : language).toLowerCase();
  const known = [...registered.keys(), ...builtInLocales];
  return (
    known.find((key) => key.toLowerCase() === wanted) ??
    known.find((key) => key === language) ??
    (language === 'pt' ? (region ? 'pt-PT' : 'pt-BR') : language === 'zh' ? 'zh-CN' : 'en')
  );
}

/** The messages for a locale key if they are ready now (English and registered ones). */
export function readyStrings(locale: string): DialogStrings | undefined {
  return locale === 'en' ? englishStrings : registered.get(locale);
}

/** The messages for a locale key, loading a built-in module once; English for unknown keys. */
export function loadStrings(locale: string): Promise<DialogStrings> {
  const ready = readyStrings(locale);
  if (ready) return Promise.resolve(ready);
  const loader = builtInLoaders[locale];
  if (!loader) return Promise.resolve(englishStrings);
  let promise = loaded.get(locale);
  if (!promise) {
    promise = loader().then((module) => {
      registered.set(locale, module.default);
      return module.default;
    });
    loaded.set(locale, promise);
  }
  return promise;
}

/**
 * The locale key for the language `element` inherits. Messages that are not ready start
 * loading, and `onLoaded` runs once they are (a failure is logged; English stays meanwhile).
 */
export function localeFor(element: Element, onLoaded: () => void): string {
  const locale = matchLocale(inheritedLang(element));
  if (!readyStrings(locale)) {
    loadStrings(locale).then(onLoaded, (error: unknown) =>
      console.warn(`session-security-dialog: no '${locale}' messages`, error),
    );
  }
  return locale;
}

/**
 * Adds (or replaces) a language for every dialog on the page. Throws a specific error, and
 * registers nothing, when a text is missing or a plural category the language needs is absent.
 */
export function registerLocale(lang: string, strings: DialogStrings): void {
  const parsed = languageAndRegion(lang);
  if (!parsed) throw new TypeError(`registerLocale('${lang}'): not a valid language tag`);
  const problems = localeProblems(lang, strings);
  if (problems.length > 0) {
    throw new TypeError(`registerLocale('${lang}'): ${problems.join('; ')}`);
  }
  registered.set(parsed[1] ? `${parsed[0]}-${parsed[1]}` : parsed[0], strings);
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
