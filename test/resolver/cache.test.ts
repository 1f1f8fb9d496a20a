import { expect } from 'chai';
import { InFlight, TtlCache, questionKey } from '../../src/resolver/cache.ts';
import { Name } from '../../src/dns/name.ts';

describe('resolver/cache', () => {
  describe('questionKey', () => {
    it('is the same for names that differ only in ASCII case, and differs by type and class', () => {
      const a = questionKey(Name.parse('MX.Example.COM.'), 1, 1);
      expect(a).to.equal(questionKey(Name.parse('mx.example.com.'), 1, 1));
      expect(a).not.to.equal(questionKey(Name.parse('mx.example.com.'), 28, 1));
      expect(a).not.to.equal(questionKey(Name.parse('mx.example.com.'), 1, 3));
      expect(a).not.to.equal(questionKey(Name.parse('mx.example.org.'), 1, 1));
    });
  });

  describe('TtlCache', () => {
    it('returns a value until its TTL has passed, then forgets it', () => {
      const c = new TtlCache<string>(10);
      c.set('k', 'v', 30, 1_000);
      expect(c.get('k', 1_000)).to.deep.equal({ value: 'v', ageSeconds: 0 });
      expect(c.get('k', 30_999)).to.deep.equal({ value: 'v', ageSeconds: 29 });
      expect(c.get('k', 31_000)).to.equal(undefined);
      expect(c.size).to.equal(0);
    });

    it('does not store a zero or negative TTL', () => {
      const c = new TtlCache<string>(10);
      c.set('a', 'v', 0, 0);
      c.set('b', 'v', -5, 0);
      expect(c.size).to.equal(0);
    });

    it('drops an entry when the clock goes back before it was stored', () => {
      const c = new TtlCache<string>(10);
      c.set('k', 'v', 30, 10_000);
      expect(c.get('k', 9_999)).to.equal(undefined);
    });

    it('is bounded in octets: evicts the least recently used until the new entry fits, refuses one larger than the bound', () => {
      const c = new TtlCache<string>(100, 1000);
      c.set('a', 'v', 30, 0, 400);
      c.set('b', 'v', 30, 0, 400);
      expect(c.get('a', 0)?.value).to.equal('v'); // a is now the most recently used
      c.set('c', 'v', 30, 0, 400);
      expect([c.get('a', 0)?.value, c.get('b', 0)?.value, c.get('c', 0)?.value]).to.deep.equal(['v', undefined, 'v']);
      expect(c.octets).to.equal(800);
      c.set('huge', 'v', 30, 0, 1001);
      expect(c.get('huge', 0)).to.equal(undefined);
      c.set('a', 'w', 30, 0, 100); // replaced: its old octets no longer count
      expect(c.octets).to.equal(500);
      c.delete('c');
      expect(c.octets).to.equal(100);
      c.get('a', 31_000); // expired: removed, octets returned
      expect([c.size, c.octets]).to.deep.equal([0, 0]);
      c.set('d', 'v', 30, 0, 10);
      c.clear();
      expect(c.octets).to.equal(0);
    });

    it('evicts the least recently used entry when full', () => {
      const c = new TtlCache<number>(2);
      c.set('a', 1, 60, 0);
      c.set('b', 2, 60, 0);
      expect(c.get('a', 0)?.value).to.equal(1); // a is now the most recent
      c.set('c', 3, 60, 0);
      expect(c.size).to.equal(2);
      expect(c.get('b', 0)).to.equal(undefined);
      expect(c.get('a', 0)?.value).to.equal(1);
      expect(c.get('c', 0)?.value).to.equal(3);
    });

    it('stores nothing with a size of 0 and rejects a bad size', () => {
      const c = new TtlCache<number>(0);
      c.set('a', 1, 60, 0);
      expect(c.get('a', 0)).to.equal(undefined);
      expect(() => new TtlCache(-1)).to.throw(RangeError);
      expect(() => new TtlCache(1.5)).to.throw(RangeError);
    });
  });

  describe('InFlight', () => {
    it('runs the work once for concurrent callers with the same key, and again after it ends', async () => {
      const f = new InFlight<number>();
      let starts = 0;
      let release: (v: number) => void = () => {};
      const work = (): Promise<number> => {
        starts++;
        return new Promise<number>((r) => (release = r));
      };
      const p1 = f.run('k', undefined, work, () => -1);
      const p2 = f.run('k', undefined, work, () => -1);
      const p3 = f.run('other', undefined, () => Promise.resolve(7), () => -1);
      expect(starts).to.equal(1);
      release(42);
      expect(await Promise.all([p1, p2, p3])).to.deep.equal([42, 42, 7]);
      expect(f.size).to.equal(0);
      const p4 = f.run('k', undefined, work, () => -1);
      expect(starts).to.equal(2);
      release(43);
      expect(await p4).to.equal(43);
    });

    it('lets one caller abort its own wait without aborting the work for the others', async () => {
      const f = new InFlight<string>();
      let workSignal: AbortSignal | undefined;
      let release: (v: string) => void = () => {};
      const work = (s: AbortSignal): Promise<string> => {
        workSignal = s;
        return new Promise<string>((r) => (release = r));
      };
      const ac = new AbortController();
      const p1 = f.run('k', ac.signal, work, () => 'aborted');
      const p2 = f.run('k', undefined, work, () => 'aborted');
      ac.abort();
      expect(await p1).to.equal('aborted');
      expect(workSignal!.aborted).to.equal(false);
      release('done');
      expect(await p2).to.equal('done');
    });

    it('aborts the work when every caller has aborted, and a later caller starts afresh', async () => {
      const f = new InFlight<string>();
      const signals: AbortSignal[] = [];
      const work = (s: AbortSignal): Promise<string> => {
        signals.push(s);
        return new Promise<string>((r) => s.addEventListener('abort', () => r('work-aborted')));
      };
      const a1 = new AbortController();
      const a2 = new AbortController();
      const p1 = f.run('k', a1.signal, work, () => 'aborted');
      const p2 = f.run('k', a2.signal, work, () => 'aborted');
      a1.abort();
      expect(signals[0]!.aborted).to.equal(false);
      a2.abort();
      expect(signals[0]!.aborted).to.equal(true);
      expect(await Promise.all([p1, p2])).to.deep.equal(['aborted', 'aborted']);
      const p3 = f.run('k', undefined, (s) => {
        signals.push(s);
        return Promise.resolve('fresh');
      }, () => 'aborted');
      expect(await p3).to.equal('fresh');
      expect(signals).to.have.length(2);
    });

    it('gives an already-aborted caller the aborted value at once', async () => {
      const f = new InFlight<string>();
      const ac = new AbortController();
      ac.abort();
      expect(await f.run('k', ac.signal, () => new Promise<string>(() => {}), () => 'aborted')).to.equal('aborted');
    });
  });
});
