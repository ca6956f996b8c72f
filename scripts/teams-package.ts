import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { config as loadDotenv } from 'dotenv';
import { AppManifestUtils, TeamsManifestV1D17 } from '@microsoft/app-manifest';
import { loadConfig, ConfigError, type Config } from '../config/config';
import { findProjectRoot } from '../config/paths';

export type TeamsManifest = TeamsManifestV1D17.TeamsManifestV1D17;

/** v1.17 ships inside @microsoft/app-manifest, so validation never goes to the network. */
export const MANIFEST_SCHEMA_URL = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
export const PACKAGE_FILE_NAME = 'knee-assistant-teams.zip';
export const ICON_SIZES: Readonly<Record<'color' | 'outline', number>> = Object.freeze({ color: 192, outline: 32 });
export const DEFAULT_DEVELOPER_NAME = 'Sports medicine clinic';
export const PLACEHOLDER_URLS = Object.freeze({
  websiteUrl: 'https://www.example.com/knee-assistant',
  privacyUrl: 'https://www.example.com/knee-assistant/privacy',
  termsOfUseUrl: 'https://www.example.com/knee-assistant/terms',
});

/** A package that cannot be built; `problems` lists each schema or file error. */
export class TeamsPackageError extends Error {
  constructor(message: string, readonly problems: readonly string[] = []) {
    super(message);
    this.name = 'TeamsPackageError';
  }
}

type Env = Record<string, string | undefined>;

/** The Teams-only settings; meant to become `Config.teams` in config/config.ts. */

/** Everything the manifest template needs, already checked. */
export interface TeamsSettings {
  appId: string;
  botId: string;
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  validDomains: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DEVELOPER_NAME_MAX = 32;

function guid(value: string, setting: string): string {
  if (!GUID.test(value)) throw new ConfigError(setting, `must be a GUID such as 00000000-0000-0000-0000-000000000000, got "${value}"`);
  return value;
}

function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max + 1).lastIndexOf(' ');
  return name.slice(0, cut > max / 2 ? cut : max).trim();
}

/** Combines the bot's configuration into package settings; warnings name what still needs setting. */
export function teamsSettings(config: Config, version: string): { settings: TeamsSettings; warnings: string[] } {
  if (!config.appId) throw new ConfigError('MicrosoftAppId', "is required to build the Teams app package: set it to the Azure Bot's Microsoft App ID");
  const botId = guid(config.appId, 'MicrosoftAppId');
  const teams = config.teams;
  const appId = teams.appId === undefined ? botId : guid(teams.appId, 'TEAMS_APP_ID');
  if (!SEMVER.test(version)) throw new TeamsPackageError(`the version in package.json must look like 1.2.3, got "${version}"`);
  const warnings: string[] = [];
  const clinicName = config.clinic.name ?? DEFAULT_DEVELOPER_NAME;
  if (!config.clinic.name) warnings.push(`CLINIC_NAME is not set: the developer name is "${DEFAULT_DEVELOPER_NAME}"`);
  const developerName = shorten(clinicName, DEVELOPER_NAME_MAX);
  if (developerName !== clinicName) warnings.push(`CLINIC_NAME is longer than Teams allows (${DEVELOPER_NAME_MAX}): the developer name is "${developerName}"`);
  const url = (value: string | undefined, setting: string, placeholder: string): string => {
    if (value) return value;
    warnings.push(`${setting} is not set: using the placeholder ${placeholder}; set it before staff install the app`);
    return placeholder;
  };
  const websiteUrl = url(teams.websiteUrl, 'TEAMS_WEBSITE_URL', PLACEHOLDER_URLS.websiteUrl);
  return {
    settings: {
      appId,
      botId,
      version,
      developerName,
      websiteUrl,
      privacyUrl: url(teams.privacyUrl, 'TEAMS_PRIVACY_URL', PLACEHOLDER_URLS.privacyUrl),
      termsOfUseUrl: url(teams.termsOfUseUrl, 'TEAMS_TERMS_URL', PLACEHOLDER_URLS.termsOfUseUrl),
      validDomains: teams.validDomains.length || !teams.websiteUrl ? teams.validDomains : [new URL(websiteUrl).hostname],
    },
    warnings,
  };
}

type Placeholders = Record<string, string | string[]>;
const PLACEHOLDER = /\$\{\{([A-Z_]+)\}\}/g;

function fillText(text: string, values: Placeholders): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TeamsPackageError(`the manifest template uses an unknown placeholder \${{${name}}}`);
    if (Array.isArray(value)) throw new TeamsPackageError(`the manifest template's list placeholder \${{${name}}} must be an array item on its own`);
    return value;
  });
}

// A list placeholder standing alone as an array item expands into that array.
function fill(value: unknown, values: Placeholders): unknown {
  if (typeof value === 'string') return fillText(value, values);
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      const list = typeof item === 'string' ? values[/^\$\{\{([A-Z_]+)\}\}$/.exec(item)?.[1] ?? ''] : undefined;
      return Array.isArray(list) ? list : [fill(item, values)];
    });
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  return value;
}

/** Fills the parsed template with the settings; throws a TeamsPackageError if it does not fit manifest v1.17. */
export function buildManifest(settings: TeamsSettings, template: unknown): TeamsManifest {
  const filled = fill(template, {
    TEAMS_APP_ID: settings.appId,
    BOT_ID: settings.botId,
    APP_VERSION: settings.version,
    DEVELOPER_NAME: settings.developerName,
    WEBSITE_URL: settings.websiteUrl,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_OF_USE_URL: settings.termsOfUseUrl,
    VALID_DOMAINS: settings.validDomains,
  });
  try {
    return TeamsManifestV1D17.Convert.toTeamsManifestV1D17(JSON.stringify(filled));
  } catch (error) {
    throw new TeamsPackageError(`the manifest template is not a Teams manifest v1.17: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Schema errors, one line each; empty when valid. Offline: any other `$schema` is refused, not fetched. */
export async function validateManifest(manifest: TeamsManifest): Promise<string[]> {
  if (manifest.$schema !== MANIFEST_SCHEMA_URL) return [`$schema must be ${MANIFEST_SCHEMA_URL} (the schema bundled for offline checks), got "${manifest.$schema ?? ''}"`];
  return AppManifestUtils.validateAgainstSchema(manifest);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads a PNG's size and colour type from its IHDR chunk. */
export function pngInfo(png: Buffer): { width: number; height: number; colorType: number } {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new TeamsPackageError('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip and PNG use it. */
export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  name: string;
  data: Buffer;
}

// 1980-01-01 00:00 in MS-DOS format, so the same inputs give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** A zip archive of the entries, each deflated (or stored when that is smaller). */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const names = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(entry.name) || entry.name.startsWith('/') || entry.name.split('/').includes('..')) {
      throw new TeamsPackageError(`zip entry name "${entry.name}" must be a relative ASCII path`);
    }
    if (names.has(entry.name)) throw new TeamsPackageError(`zip entry "${entry.name}" appears twice`);
    names.add(entry.name);
    const deflated = zlib.deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const name = Buffer.from(entry.name, 'ascii');
    const fields = { method: stored ? 0 : 8, crc: crc32(entry.data), compressed: body.length, size: entry.data.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommonFields(local, 4, fields, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeCommonFields(central, 6, fields, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// The run of fields that local and central headers share, from "version needed" to "name length".
function writeCommonFields(header: Buffer, at: number, fields: { method: number; crc: number; compressed: number; size: number }, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0, at + 2);
  header.writeUInt16LE(fields.method, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.compressed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** Builds and checks the manifest from `teamsDir`'s template and icons, and zips them. */
export async function buildPackage(settings: TeamsSettings, teamsDir: string): Promise<{ manifest: TeamsManifest; zip: Buffer }> {
  const templateFile = path.join(teamsDir, 'manifest.template.json');
  let template: unknown;
  try {
    template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(`cannot read ${templateFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifest = buildManifest(settings, template);
  const problems = await validateManifest(manifest);
  if (problems.length) throw new TeamsPackageError('the manifest does not pass the Teams manifest v1.17 schema', problems);
  const icons = (['color', 'outline'] as const).map((kind) => {
    const name = manifest.icons[kind];
    const data = fs.readFileSync(path.join(teamsDir, name));
    const { width, height } = pngInfo(data);
    const size = ICON_SIZES[kind];
    if (width !== size || height !== size) throw new TeamsPackageError(`${name} must be ${size}x${size} pixels, got ${width}x${height}`);
    return { name, data };
  });
  const manifestJson = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { manifest, zip: writeZip([{ name: 'manifest.json', data: manifestJson }, ...icons]) };
}

function packageVersion(root: string): string {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = parsed !== null && typeof parsed === 'object' && 'version' in parsed ? parsed.version : undefined;
  return typeof version === 'string' ? version : '';
}

/** `teams:package [--out file.zip]`: exit code 0 when the package was written. */
export async function runTeamsPackage(argv: readonly string[], env: Env, root: string): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const outFile = outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]) : path.join(root, 'dist', 'teams', PACKAGE_FILE_NAME);
  try {
    const { settings, warnings } = teamsSettings(loadConfig(env, root), packageVersion(root));
    for (const warning of warnings) console.log(`warning: ${warning}`);
    const { zip } = await buildPackage(settings, path.join(root, 'teams'));
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, zip);
    console.log(`Teams app package written to ${path.relative(process.cwd(), outFile)} (app id ${settings.appId}, bot id ${settings.botId}, version ${settings.version})`);
    return 0;
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof TeamsPackageError;
    console.error(`Teams package FAILED: ${known ? error.message : String(error)}`);
    if (error instanceof TeamsPackageError) for (const problem of error.problems) console.error(`  - ${problem}`);
    return 1;
  }
}

if (require.main === module) {
  const root = findProjectRoot();
  loadDotenv({ path: path.join(root, '.env'), quiet: true });
  void runTeamsPackage(process.argv.slice(2), process.env, root).then((code) => process.exit(code));
}
