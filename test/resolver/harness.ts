/** Starting and stopping toy servers and resolvers around each test, so no handle outlives it. */
import { startDnsServer, type DnsHandler, type DnsServer } from '../../src/testing/dns-server.ts';
import { StubResolver, type StubResolverOptions } from '../../src/resolver/stub.ts';
import { toyHandler } from './fixtures.ts';

export interface Harness {
  /** A toy-zone server on 127.0.0.1 (or `host`), or one with its own handler. */
  server(host?: string, handler?: DnsHandler): Promise<DnsServer>;
  /** A resolver; `servers` default to the given DNS servers' addresses. */
  resolver(servers: DnsServer[] | string[], opts?: Omit<StubResolverOptions, 'servers'>): StubResolver;
  /** Closes everything started since the last call. */
  closeAll(): Promise<void>;
}

export function harness(): Harness {
  const servers: DnsServer[] = [];
  const resolvers: StubResolver[] = [];
  return {
    async server(host, handler) {
      const s = await startDnsServer({ handler: handler ?? toyHandler, ...(host ? { host } : {}) });
      servers.push(s);
      return s;
    },
    resolver(list, opts = {}) {
      const addrs = list.map((s) => (typeof s === 'string' ? s : s.address));
      const r = new StubResolver({ ...opts, servers: addrs });
      resolvers.push(r);
      return r;
    },
    async closeAll() {
      for (const r of resolvers.splice(0)) r.close();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
