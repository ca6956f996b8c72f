import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { loadConfig, ConfigError } from '../../config/config';
import { findProjectRoot } from '../../config/paths';
import {
  buildManifest,
  validateManifest,
  teamsSettings,
  TeamsPackageError,
  PLACEHOLDER_URLS,
  DEFAULT_DEVELOPER_NAME,
  type TeamsManifest,
  type TeamsSettings,
} from '../../scripts/teams-package';

const root = findProjectRoot();
const BOT_ID = '6f1c2a34-1b2c-4d5e-8f90-123456789abc';
const APP_ID = '0b7e9d1a-2c3d-4e5f-a6b7-c8d9e0f1a2b3';

const settings: TeamsSettings = {
  appId: APP_ID,
  botId: BOT_ID,
  version: '1.4.0',
  developerName: 'Bloor West Sports Physio',
  websiteUrl: 'https://physio.example.ca/',
  privacyUrl: 'https://physio.example.ca/privacy',
  termsOfUseUrl: 'https://physio.example.ca/terms',
  validDomains: ['bot.physio.example.ca'],
};

function template(): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, 'teams', 'manifest.template.json'), 'utf8'));
}

function settingsFrom(env: Record<string, string>) {
  return teamsSettings(loadConfig(env, root), '0.1.0');
}

function configErrorSetting(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.setting;
    throw error;
  }
  return undefined;
}

describe('Teams manifest', () => {
  describe('the built manifest', () => {
    it('validates against the bundled Teams schema v1.17 with no network', async () => {
      expect(await validateManifest(buildManifest(settings, template()))).to.deep.equal([]);
    });

    it('carries the Teams app id, the bot id and the version from the settings', () => {
      const manifest = buildManifest(settings, template());
      expect(manifest.id).to.equal(APP_ID);
      expect(manifest.bots?.[0].botId).to.equal(BOT_ID);
      expect(manifest.version).to.equal('1.4.0');
    });

    it('names the clinic as developer with its own website, privacy and terms pages', () => {
      expect(buildManifest(settings, template()).developer).to.deep.include({
        name: 'Bloor West Sports Physio',
        websiteUrl: 'https://physio.example.ca/',
        privacyUrl: 'https://physio.example.ca/privacy',
        termsOfUseUrl: 'https://physio.example.ca/terms',
      });
    });

    it('lists the configured valid domains, and none when none are configured', () => {
      expect(buildManifest(settings, template()).validDomains).to.deep.equal(['bot.physio.example.ca']);
      expect(buildManifest({ ...settings, validDomains: [] }, template()).validDomains).to.deep.equal([]);
    });

    it('offers the bot in personal chat, team channels and group chats, without files', () => {
      const bot = buildManifest(settings, template()).bots?.[0];
      expect(bot?.scopes).to.have.members(['personal', 'team', 'groupChat']);
      expect(bot?.supportsFiles).to.equal(false);
      expect(bot?.isNotificationOnly).to.equal(false);
    });

    it('offers the staff commands "open requests" and "help" in every scope', () => {
      const lists = buildManifest(settings, template()).bots?.[0].commandLists ?? [];
      for (const scope of ['personal', 'team', 'groupChat'] as const) {
        const titles = lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((command) => command.title));
        expect(titles, scope).to.include.members(['open requests', 'help']);
      }
    });

    it('says it gives general information, not a diagnosis', () => {
      const manifest = buildManifest(settings, template());
      expect(manifest.description.full).to.match(/not a diagnosis/i);
      expect(manifest.description.full).to.match(/runner's knee/i);
    });

    it('leaves no placeholder unfilled', () => {
      expect(JSON.stringify(buildManifest(settings, template()))).not.to.include('${{');
    });
  });

  describe('malformed manifests', () => {
    const cases: { name: string; change: (m: TeamsManifest) => TeamsManifest; path: string }[] = [
      { name: 'an empty bot id', change: (m) => ({ ...m, bots: m.bots?.map((bot) => ({ ...bot, botId: '' })) }), path: '/bots/0/botId' },
      { name: 'a bot id that is not a GUID', change: (m) => ({ ...m, bots: m.bots?.map((bot) => ({ ...bot, botId: 'knee-bot' })) }), path: '/bots/0/botId' },
      { name: 'an app id that is not a GUID', change: (m) => ({ ...m, id: '12345' }), path: '/id' },
      { name: 'a developer name longer than 32 characters', change: (m) => ({ ...m, developer: { ...m.developer, name: 'x'.repeat(33) } }), path: '/developer/name' },
      { name: 'a privacy URL that is not a web address', change: (m) => ({ ...m, developer: { ...m.developer, privacyUrl: 'privacy.html' } }), path: '/developer/privacyUrl' },
      { name: 'an accent colour that is not #rrggbb', change: (m) => ({ ...m, accentColor: 'teal' }), path: '/accentColor' },
    ];
    for (const { name, change, path: errorPath } of cases) {
      it(`rejects ${name}, naming ${errorPath}`, async () => {
        const errors = await validateManifest(change(buildManifest(settings, template())));
        expect(errors.some((error) => error.startsWith(errorPath)), errors.join('\n')).to.equal(true);
      });
    }

    it('rejects a manifest naming a schema that is not bundled, instead of fetching it', async () => {
      const manifest = buildManifest(settings, template());
      const errors = await validateManifest({ ...manifest, $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.18/MicrosoftTeams.schema.json' });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^\$schema must be/);
    });

    it('rejects a template with no bot id with a message naming the bots entry', () => {
      const broken = JSON.parse(JSON.stringify(template()).replace('"botId":"${{BOT_ID}}",', ''));
      expect(() => buildManifest(settings, broken)).to.throw(TeamsPackageError, /bots/);
    });

    it('rejects a template with an unknown placeholder, naming it', () => {
      const broken = JSON.parse(JSON.stringify(template()).replace('${{BOT_ID}}', '${{BOT_IDD}}'));
      expect(() => buildManifest(settings, broken)).to.throw(TeamsPackageError, /\$\{\{BOT_IDD\}\}/);
    });
  });

  describe('settings', () => {
    it('uses the bot id as the Teams app id when TEAMS_APP_ID is unset', () => {
      const { settings: built } = settingsFrom({ MicrosoftAppId: BOT_ID });
      expect(built).to.include({ botId: BOT_ID, appId: BOT_ID });
    });

    it('uses TEAMS_APP_ID as the Teams app id when set', () => {
      expect(settingsFrom({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: APP_ID }).settings).to.include({ botId: BOT_ID, appId: APP_ID });
    });

    const badSettings: { name: string; env: Record<string, string>; setting: string }[] = [
      { name: 'MicrosoftAppId is unset', env: {}, setting: 'MicrosoftAppId' },
      { name: 'MicrosoftAppId is blank', env: { MicrosoftAppId: '  ' }, setting: 'MicrosoftAppId' },
      { name: 'MicrosoftAppId is not a GUID', env: { MicrosoftAppId: 'my-knee-bot' }, setting: 'MicrosoftAppId' },
      { name: 'TEAMS_APP_ID is not a GUID', env: { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: 'knee' }, setting: 'TEAMS_APP_ID' },
      { name: 'TEAMS_PRIVACY_URL is plain http', env: { MicrosoftAppId: BOT_ID, TEAMS_PRIVACY_URL: 'http://physio.example.ca/privacy' }, setting: 'TEAMS_PRIVACY_URL' },
      { name: 'TEAMS_WEBSITE_URL is not a URL', env: { MicrosoftAppId: BOT_ID, TEAMS_WEBSITE_URL: 'physio dot ca' }, setting: 'TEAMS_WEBSITE_URL' },
      { name: 'TEAMS_VALID_DOMAINS holds a URL', env: { MicrosoftAppId: BOT_ID, TEAMS_VALID_DOMAINS: 'https://bot.physio.example.ca' }, setting: 'TEAMS_VALID_DOMAINS' },
    ];
    for (const { name, env, setting } of badSettings) {
      it(`refuses to build when ${name}, naming ${setting}`, () => {
        expect(configErrorSetting(() => settingsFrom(env))).to.equal(setting);
      });
    }

    it('says how to fix a missing MicrosoftAppId', () => {
      expect(() => settingsFrom({})).to.throw(ConfigError, /MicrosoftAppId is required to build the Teams app package/);
    });

    it('falls back to https placeholders and a default developer name, warning about each', () => {
      const { settings: built, warnings } = settingsFrom({ MicrosoftAppId: BOT_ID });
      expect(built).to.include({ ...PLACEHOLDER_URLS, developerName: DEFAULT_DEVELOPER_NAME });
      for (const setting of ['CLINIC_NAME', 'TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']) {
        expect(warnings.some((warning) => warning.startsWith(setting)), setting).to.equal(true);
      }
    });

    it('gives no warnings when every setting is set', () => {
      const { warnings } = settingsFrom({
        MicrosoftAppId: BOT_ID,
        CLINIC_NAME: 'Bloor West Sports Physio',
        TEAMS_WEBSITE_URL: 'https://physio.example.ca/',
        TEAMS_PRIVACY_URL: 'https://physio.example.ca/privacy',
        TEAMS_TERMS_URL: 'https://physio.example.ca/terms',
      });
      expect(warnings).to.deep.equal([]);
    });

    it('takes the valid domain from the website when TEAMS_VALID_DOMAINS is unset', () => {
      expect(settingsFrom({ MicrosoftAppId: BOT_ID, TEAMS_WEBSITE_URL: 'https://physio.example.ca/knee' }).settings.validDomains).to.deep.equal(['physio.example.ca']);
      expect(settingsFrom({ MicrosoftAppId: BOT_ID }).settings.validDomains).to.deep.equal([]);
      expect(settingsFrom({ MicrosoftAppId: BOT_ID, TEAMS_VALID_DOMAINS: 'bot.physio.example.ca, *.physio.example.ca' }).settings.validDomains)
        .to.deep.equal(['bot.physio.example.ca', '*.physio.example.ca']);
    });

    it('shortens a clinic name longer than Teams allows at a word, with a warning', () => {
      const { settings: built, warnings } = settingsFrom({ MicrosoftAppId: BOT_ID, CLINIC_NAME: 'Bloor West Village Sports Medicine and Physiotherapy Centre' });
      expect(built.developerName).to.equal('Bloor West Village Sports');
      expect(warnings.some((warning) => warning.startsWith('CLINIC_NAME is longer'))).to.equal(true);
    });

    it('builds a valid manifest from the settings alone, placeholders included', async () => {
      expect(await validateManifest(buildManifest(settingsFrom({ MicrosoftAppId: BOT_ID }).settings, template()))).to.deep.equal([]);
    });
  });
});
