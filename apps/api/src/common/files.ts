import type { Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** The entries of a folder, read a batch at a time; none when the folder does not exist. */
export async function* dirEntries(dir: string): AsyncIterable<Dirent> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  yield* handle;
}

/** When a file was last written; null when it is gone (removed meanwhile). */
export async function modifiedAt(path: string): Promise<Date | null> {
  try {
    return (await stat(path)).mtime;
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}
