import { readFile } from 'node:fs/promises';

/**
 * The code block that follows the README's `<!-- file: NAME ... -->` marker, exactly as a reader
 * would copy it.
 */
export async function readmeBlock(name: string): Promise<string> {
  const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
  const marker = readme.indexOf(`<!-- file: ${name} `);
  if (marker < 0) throw new Error(`README has no block marked "file: ${name}"`);
  const open = readme.indexOf('```', marker);
  const start = readme.indexOf('\n', open) + 1;
  const end = readme.indexOf('\n```', start);
  return readme.slice(start, end + 1);
}
