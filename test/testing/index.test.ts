import { expect } from 'chai';
import * as testing from '../../src/testing/index.ts';

describe('testing/index (dane-verify/testing entry)', () => {
  it('exports the world, the signer, the answerer and the other engineers\' testing pieces', () => {
    for (const name of ['createTestWorld', 'signZone', 'ZoneAnswerer', 'buildHierarchy', 'fakeKey', 'generateKey', 'signRRset',
      'keysWithTag', 'startDnsServer', 'replyTo', 'startTestSmtpServer', 'createTestCertificate', 'createTestChain',
      'startTestMtaStsServer', 'createMtaStsCa', 'defaultTestPolicy']) {
      expect(typeof (testing as Record<string, unknown>)[name], name).to.equal('function');
    }
  });
});
