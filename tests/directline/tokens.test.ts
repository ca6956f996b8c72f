import { expect } from 'chai';
import { TokenSigner, type TokenClaims } from '../../server/directline/tokens';

describe('Direct Line tokens', () => {
  const now = 1_700_000_000_000;
  const signer = new TokenSigner('a-secret-of-enough-length', () => now);
  const inAnHour = now / 1000 + 3600;

  const claims: TokenClaims[] = [
    { scope: 'conversation', conv: 'c1', user: 'web_u1', exp: inAnHour },
    { scope: 'stream', conv: 'c1', user: 'web_u1', exp: inAnHour },
    { scope: 'user', user: 'web_u1', exp: inAnHour },
  ];
  for (const c of claims) {
    it(`reads back a ${c.scope} token it signed`, () => {
      expect(signer.verify(signer.sign(c))).to.deep.equal({ claims: c });
    });
  }

  it('is a JSON Web Token whose payload names the user, as Web Chat expects', () => {
    const [header, payload] = signer.sign({ scope: 'user', user: 'web_u1', exp: inAnHour }).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).to.deep.equal({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).to.include({ user: 'web_u1' });
  });

  const token = signer.sign({ scope: 'conversation', conv: 'c1', user: 'web_u1', exp: inAnHour });
  const [header, payload, signature] = token.split('.');
  const tampered = Buffer.from(JSON.stringify({ scope: 'conversation', conv: 'c2', user: 'web_u1', exp: inAnHour })).toString('base64url');
  const cases = [
    { name: 'a changed payload', token: `${header}.${tampered}.${signature}`, problem: 'bad_signature' },
    { name: 'another key’s signature', token: new TokenSigner('another-secret-of-length', () => now).sign({ scope: 'user', user: 'x', exp: inAnHour }), problem: 'bad_signature' },
    { name: 'a missing part', token: `${header}.${payload}`, problem: 'malformed' },
    { name: 'another algorithm', token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`, problem: 'malformed' },
    { name: 'an empty string', token: '', problem: 'malformed' },
    { name: 'an expired token', token: signer.sign({ scope: 'user', user: 'x', exp: now / 1000 }), problem: 'expired' },
    { name: 'a token naming no user', token: signer.sign({ scope: 'user', user: '', exp: inAnHour }), problem: 'malformed' },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} as ${c.problem}`, () => {
      expect(signer.verify(c.token)).to.deep.equal({ problem: c.problem });
    });
  }

  it('refuses a secret too short to be safe', () => {
    expect(() => new TokenSigner('short', () => now)).to.throw(/at least 16/);
  });
});
