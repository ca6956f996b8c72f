import * as fs from 'node:fs';
import * as path from 'node:path';

/** Small helpers for validating hand-edited JSON with messages that name file, entry and field. */
export class ContentError extends Error {
  constructor(readonly file: string, readonly where: string, problem: string) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'ContentError';
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Checker {
  constructor(readonly file: string) {}

  fail(where: string, problem: string): never {
    throw new ContentError(this.file, where, problem);
  }

  record(value: unknown, where: string): Record<string, unknown> {
    if (!isRecord(value)) this.fail(where, 'must be an object');
    return value;
  }

  string(value: unknown, where: string, opts: { min?: number; max?: number; optional?: boolean } = {}): string {
    if (value === undefined && opts.optional) return '';
    if (typeof value !== 'string') this.fail(where, 'must be text');
    const text = value.trim();
    if (text.length < (opts.min ?? 1)) this.fail(where, opts.min ? `must be at least ${opts.min} characters` : 'must not be empty');
    if (opts.max !== undefined && text.length > opts.max) this.fail(where, `is ${text.length} characters, more than ${opts.max}`);
    return text;
  }

  integer(value: unknown, where: string, opts: { min: number; max: number }): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(where, 'must be a whole number');
    if (value < opts.min || value > opts.max) this.fail(where, `must be from ${opts.min} to ${opts.max}`);
    return value;
  }

  /** A number from 0 to 1 (a confidence). */
  share(value: unknown, where: string): number {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) this.fail(where, 'must be a number from 0 to 1');
    return value;
  }

  list(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'must be a list');
    return value;
  }

  strings(value: unknown, where: string, opts: { min?: number; optional?: boolean } = {}): string[] {
    if (value === undefined && opts.optional) return [];
    if (!Array.isArray(value)) this.fail(where, 'must be a list');
    if (value.length < (opts.min ?? 0)) this.fail(where, `needs at least ${opts.min} items, has ${value.length}`);
    return value.map((item, i) => this.string(item, `${where}[${i}]`));
  }
}

/** Reads one JSON content file and hands it to its parser; unreadable JSON names the file. */
export function loadJsonContent<T>(knowledgeDir: string, name: string, parse: (raw: unknown, file: string) => T): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(knowledgeDir, name), 'utf8'));
  } catch (err) {
    throw new ContentError(name, 'file', err instanceof Error ? err.message : String(err));
  }
  return parse(raw, name);
}
