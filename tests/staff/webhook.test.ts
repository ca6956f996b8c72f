import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { WebhookError, createWebhookSender, signatureOf } from '../../staff/webhook';

describe('the staff webhook', () => {
  it('signs the raw body with HMAC-SHA256 of the secret, as sha256=<hex>', () => {
    const body = '{"reference":"KN-7F3Q"}';
    expect(signatureOf('s3cret', body)).to.equal(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    expect(signatureOf('s3cret', body)).to.match(/^sha256=[0-9a-f]{64}$/);
    expect(signatureOf('other', body)).to.not.equal(signatureOf('s3cret', body));
  });

  it('posts exactly the bytes it signed', async () => {
    const seen: { body: string; signature: string | null; type: string | null }[] = [];
    const fakeFetch: typeof fetch = async (_url, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ body: String(init?.body), signature: headers.get('x-signature'), type: headers.get('content-type') });
      return new Response(null, { status: 204 });
    };
    await createWebhookSender({ url: 'https://practice.example/hook', secret: 'k', fetch: fakeFetch }).send({ reference: 'KN-7F3Q', name: 'Zoë' });
    expect(seen[0].signature).to.equal(signatureOf('k', seen[0].body));
    expect(seen[0].type).to.equal('application/json');
    expect(JSON.parse(seen[0].body)).to.deep.equal({ reference: 'KN-7F3Q', name: 'Zoë' });
  });

  for (const status of [400, 401, 500, 503]) {
    it(`fails with the status only when the endpoint answers ${status}`, async () => {
      const fakeFetch: typeof fetch = async () => new Response('secret details', { status });
      const error = await createWebhookSender({ url: 'https://practice.example/hook', secret: 'k', fetch: fakeFetch }).send({}).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(WebhookError).and.include({ status, name: 'WebhookError' });
      expect(String(error)).to.not.include('secret details');
    });
  }
});
