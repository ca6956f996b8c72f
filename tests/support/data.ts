import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';

/** A JSON file of tests/data, parsed; the caller states its shape. */
export function readTestData<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(findProjectRoot(), 'tests', 'data', file), 'utf8')) as T;
}
