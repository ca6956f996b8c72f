import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { findProjectRoot } from '../../config/paths';
import { buildPackage, validateManifest, pngInfo, TeamsPackageError, ICON_SIZES, PACKAGE_FILE_NAME, type TeamsSettings } from '../../scripts/teams-package';
import { readZip } from './zip-reader';

const root = findProjectRoot();
const teamsDir = path.join(root, 'teams');
const BOT_ID = '6f1c2a34-1b2c-4d5e-8f90-123456789abc';
const settings: TeamsSettings = {
  appId: BOT_ID,
  botId: BOT_ID,
  version: '0.1.0',
  developerName: 'Bloor West Sports Physio',
  websiteUrl: 'https://physio.example.ca/',
  privacyUrl: 'https://physio.example.ca/privacy',
  termsOfUseUrl: 'https://physio.example.ca/terms',
  validDomains: [],
};

// Blank values win over a developer's .env (dotenv never overrides), so the run does not depend on it.
const BLANK_TEAMS_SETTINGS = { MicrosoftAppId: '', TEAMS_APP_ID: '', CLINIC_NAME: '', TEAMS_WEBSITE_URL: '', TEAMS_PRIVACY_URL: '', TEAMS_TERMS_URL: '', TEAMS_VALID_DOMAINS: '' };

function runScript(env: Record<string, string>, outFile: string) {
  return spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'teams-package.js'), '--out', outFile], {
    env: { ...BLANK_TEAMS_SETTINGS, ...env },
    encoding: 'utf8',
  });
}

describe('Teams app package', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('the icons', () => {
    const icons = [
      { file: 'color.png', size: ICON_SIZES.color },
      { file: 'outline.png', size: ICON_SIZES.outline },
    ];
    for (const { file, size } of icons) {
      it(`${file} is a PNG of ${size}x${size} pixels`, () => {
        expect(pngInfo(fs.readFileSync(path.join(teamsDir, file)))).to.include({ width: size, height: size });
      });
    }

    it('outline.png has an alpha channel, so it can be white on transparent', () => {
      expect(pngInfo(fs.readFileSync(path.join(teamsDir, 'outline.png'))).colorType).to.be.oneOf([4, 6]);
    });

    it('a file that is not a PNG is refused', () => {
      expect(() => pngInfo(Buffer.from('GIF89a not a png at all, just some bytes'))).to.throw(TeamsPackageError, /not a PNG/);
    });
  });

  describe('buildPackage', () => {
    it('zips exactly manifest.json, color.png and outline.png at the root', async () => {
      const { zip } = await buildPackage(settings, teamsDir);
      expect(readZip(zip).map((entry) => entry.name)).to.have.members(['manifest.json', 'color.png', 'outline.png']).and.have.length(3);
    });

    it('zips a manifest.json that validates and the committed icons unchanged', async () => {
      const { zip, manifest } = await buildPackage(settings, teamsDir);
      const files = Object.fromEntries(readZip(zip).map((entry) => [entry.name, entry.data]));
      const zipped = JSON.parse(files['manifest.json'].toString('utf8'));
      expect(zipped.bots[0].botId).to.equal(BOT_ID);
      expect(await validateManifest(manifest)).to.deep.equal([]);
      for (const icon of ['color.png', 'outline.png']) {
        expect(files[icon].equals(fs.readFileSync(path.join(teamsDir, icon))), icon).to.equal(true);
      }
    });

    it('refuses an icon of the wrong size, naming the file and both sizes', async () => {
      fs.copyFileSync(path.join(teamsDir, 'manifest.template.json'), path.join(tmp, 'manifest.template.json'));
      fs.copyFileSync(path.join(teamsDir, 'color.png'), path.join(tmp, 'color.png'));
      fs.copyFileSync(path.join(teamsDir, 'color.png'), path.join(tmp, 'outline.png'));
      const error = await buildPackage(settings, tmp).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(TeamsPackageError);
      expect(String(error)).to.match(/outline\.png must be 32x32 pixels, got 192x192/);
    });

    it('refuses to package an invalid manifest and lists each schema error', async () => {
      const error = await buildPackage({ ...settings, botId: 'not-a-guid', developerName: 'x'.repeat(40) }, teamsDir).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(TeamsPackageError);
      const problems = error instanceof TeamsPackageError ? error.problems : [];
      expect(problems.some((problem) => problem.startsWith('/bots/0/botId'))).to.equal(true);
      expect(problems.some((problem) => problem.startsWith('/developer/name'))).to.equal(true);
    });
  });

  describe('npm run teams:package', () => {
    it(`writes ${PACKAGE_FILE_NAME} and exits 0 when MicrosoftAppId is set`, () => {
      const outFile = path.join(tmp, PACKAGE_FILE_NAME);
      const result = runScript({ MicrosoftAppId: BOT_ID }, outFile);
      expect(result.status, result.stderr).to.equal(0);
      expect(readZip(fs.readFileSync(outFile)).map((entry) => entry.name)).to.have.length(3);
      expect(result.stdout).to.include('warning: TEAMS_PRIVACY_URL is not set');
    });

    it('exits 1 naming MicrosoftAppId, and writes nothing, when it is unset', () => {
      const outFile = path.join(tmp, PACKAGE_FILE_NAME);
      const result = runScript({}, outFile);
      expect(result.status).to.equal(1);
      expect(result.stderr).to.include('MicrosoftAppId is required');
      expect(fs.existsSync(outFile)).to.equal(false);
    });
  });
});
