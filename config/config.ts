import * as path from 'node:path';

/** Every setting the bot reads, validated once at start-up. */
export interface Config {
  port: number;
  /** Address to listen on; loopback unless opened on purpose. */
  host: string;
  nodeEnv: string;
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  /** Where the channel's signing keys are published (the Bot Framework's by default); tests point it at their own. */
  channelOpenIdMetadataUrl?: string;
  databaseUrl?: string;
  dataDir: string;
  knowledgeDir: string;
  /** Secret for the keyed hash of people's ids; generated under dataDir when unset. */
  userKeySecret?: string;
  clinic: ClinicInfo;
  staff: { tenantId?: string; userIds: string[]; webhookUrl?: string; webhookSecret?: string };
  directLineSecret?: string;
  teams: TeamsConfig;
  limits: {
    maxBodyBytes: number;
    maxMessageChars: number;
    /** Requests per conversation per minute on /api/messages (channels arrive from few addresses). */
    perConversationPerMinute: number;
    /** Requests per client address per minute on the Direct Line and token endpoints. */
    perAddressPerMinute: number;
    /** Longest a turn may run before the caller is told to retry. */
    turnTimeoutMs: number;
  };
  /** Days call-back requests and conversation state are kept before the scheduled purge. */
  retentionDays: number;
  /** Port for Prometheus metrics on loopback; unset means no metrics endpoint. */
  metricsPort?: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export interface ClinicInfo {
  name?: string;
  phone?: string;
  address?: string;
  hours?: string;
  bookingUrl?: string;
  timeZone: string;
}

/** Settings of the Teams app package (npm run teams:package). */
export interface TeamsConfig {
  /** TEAMS_APP_ID: the Teams app's own id; the bot id when unset. */
  appId?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  /** TEAMS_VALID_DOMAINS: host names, comma-separated. */
  validDomains: string[];
}

export class ConfigError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`Configuration error: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must start with ${protocols.join(' or ')}`);
  return raw;
}

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function teamsConfig(env: Env): TeamsConfig {
  const validDomains = (optional(env, 'TEAMS_VALID_DOMAINS') ?? '').split(',').map((d) => d.trim()).filter(Boolean);
  const badDomain = validDomains.find((domain) => !DOMAIN.test(domain));
  if (badDomain !== undefined) throw new ConfigError('TEAMS_VALID_DOMAINS', `must list host names such as bot.example.com (no https:// or path), got "${badDomain}"`);
  if (validDomains.length > 16) throw new ConfigError('TEAMS_VALID_DOMAINS', `may list at most 16 domains, got ${validDomains.length}`);
  return {
    appId: optional(env, 'TEAMS_APP_ID'),
    websiteUrl: url(env, 'TEAMS_WEBSITE_URL', ['https:']),
    privacyUrl: url(env, 'TEAMS_PRIVACY_URL', ['https:']),
    termsOfUseUrl: url(env, 'TEAMS_TERMS_URL', ['https:']),
    validDomains,
  };
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const found = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (!found) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return found;
}

function timeZone(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: value });
  } catch {
    throw new ConfigError(name, `is not a known time zone: "${value}"`);
  }
  return value;
}

/** Reads and validates settings; throws a ConfigError naming the first bad setting. */
export function loadConfig(env: Env, projectRoot: string): Config {
  const appId = optional(env, 'MicrosoftAppId');
  const appPassword = optional(env, 'MicrosoftAppPassword');
  const appType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant');
  const appTenantId = optional(env, 'MicrosoftAppTenantId');
  if (appType === 'SingleTenant' && appId && !appTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
  }
  const webhookUrl = url(env, 'STAFF_WEBHOOK_URL', ['https:', 'http:']);
  const webhookSecret = optional(env, 'STAFF_WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret) throw new ConfigError('STAFF_WEBHOOK_SECRET', 'is required when STAFF_WEBHOOK_URL is set');
  const userKeySecret = optional(env, 'USER_KEY_SECRET');
  if (userKeySecret && userKeySecret.length < 16) throw new ConfigError('USER_KEY_SECRET', 'must be at least 16 characters');

  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: optional(env, 'HOST') ?? '127.0.0.1',
    nodeEnv: optional(env, 'NODE_ENV') ?? 'development',
    appId,
    appPassword,
    appType,
    appTenantId,
    channelOpenIdMetadataUrl: url(env, 'TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL', ['https:', 'http:']),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(projectRoot, optional(env, 'DATA_DIR') ?? 'data'),
    knowledgeDir: path.resolve(projectRoot, optional(env, 'KNOWLEDGE_DIR') ?? 'knowledge'),
    userKeySecret,
    clinic: {
      name: optional(env, 'CLINIC_NAME'),
      phone: optional(env, 'CLINIC_PHONE'),
      address: optional(env, 'CLINIC_ADDRESS'),
      hours: optional(env, 'CLINIC_HOURS'),
      bookingUrl: url(env, 'BOOKING_URL', ['https:', 'http:']),
      timeZone: timeZone(env, 'CLINIC_TZ', 'America/Toronto'),
    },
    staff: {
      tenantId: optional(env, 'STAFF_TENANT_ID'),
      userIds: (optional(env, 'STAFF_USER_IDS') ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      webhookUrl,
      webhookSecret,
    },
    directLineSecret: optional(env, 'DIRECT_LINE_SECRET'),
    teams: teamsConfig(env),
    limits: {
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
      maxMessageChars: integer(env, 'MAX_MESSAGE_CHARS', 2000, 50, 100000),
      perConversationPerMinute: integer(env, 'RATE_LIMIT_PER_CONVERSATION', 60, 1, 100000),
      perAddressPerMinute: integer(env, 'RATE_LIMIT_PER_ADDRESS', 120, 1, 100000),
      turnTimeoutMs: integer(env, 'TURN_TIMEOUT_MS', 15000, 100, 600000),
    },
    retentionDays: integer(env, 'RETENTION_DAYS', 180, 1, 3650),
    metricsPort: optional(env, 'METRICS_PORT') === undefined ? undefined : integer(env, 'METRICS_PORT', 0, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const, 'info'),
  };
}
