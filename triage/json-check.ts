// Reads untrusted JSON field by field; every failure names the file, the entry and the field.

export type Json = unknown;

/** SMS-safe text: printable ASCII (a subset of GSM-7), straight quotes, no backtick. */
const SMS_SAFE = /^[\x20-\x5f\x61-\x7e\n]*$/;

export class JsonChecker {
  constructor(readonly file: string) {}

  fail(path: string, message: string): never {
    throw new Error(`${this.file}: ${path}: ${message}`);
  }

  object(x: Json, path: string): Record<string, Json> {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return this.fail(path, 'must be an object');
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(x)) out[k] = v;
    return out;
  }

  array(x: Json, path: string, nonEmpty = true): Json[] {
    if (!Array.isArray(x)) return this.fail(path, 'must be a list');
    if (nonEmpty && x.length === 0) return this.fail(path, 'must not be empty');
    return x;
  }

  string(x: Json, path: string): string {
    if (typeof x !== 'string' || x.trim().length === 0) return this.fail(path, 'must be a non-empty string');
    return x;
  }

  /** Words the person reads: non-empty and SMS-safe. */
  text(x: Json, path: string): string {
    const s = this.string(x, path);
    if (!SMS_SAFE.test(s)) {
      const bad = [...s].find((c) => !SMS_SAFE.test(c)) ?? '';
      return this.fail(path, `has a character that does not fit an SMS (${JSON.stringify(bad)}); use plain ASCII and straight quotes`);
    }
    return s;
  }

  number(x: Json, path: string): number {
    if (typeof x !== 'number' || !Number.isFinite(x)) return this.fail(path, 'must be a number');
    return x;
  }

  integer(x: Json, path: string): number {
    const n = this.number(x, path);
    if (!Number.isInteger(n)) return this.fail(path, 'must be a whole number');
    return n;
  }

  nullableInteger(x: Json, path: string): number | null {
    return x === null ? null : this.integer(x, path);
  }

  boolean(x: Json, path: string, fallback: boolean): boolean {
    if (x === undefined) return fallback;
    if (typeof x !== 'boolean') return this.fail(path, 'must be true or false');
    return x;
  }

  strings(x: Json, path: string, nonEmpty = true): string[] {
    return this.array(x, path, nonEmpty).map((s, i) => this.string(s, `${path}[${i}]`));
  }

  /** Rejects keys the schema does not know, so a typo in a field name is caught. */
  onlyKeys(obj: Record<string, Json>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
    }
  }
}

export function parseJsonFile(text: string, file: string): Json {
  try {
    const parsed: Json = JSON.parse(text);
    return parsed;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${file}: not valid JSON: ${why}`);
  }
}
