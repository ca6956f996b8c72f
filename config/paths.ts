import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json, found from compiled (dist/) or source locations alike. */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
}
