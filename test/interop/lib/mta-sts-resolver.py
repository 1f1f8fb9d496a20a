# Drives postfix-mta-sts-resolver's own STSResolver.resolve() (Debian package postfix-mta-sts-resolver)
# against one of our test MTA-STS servers: the TXT answer is given (argv[3]) instead of asking DNS,
# and aiohttp's resolver maps mta-sts.<domain> to argv[2]; everything else (HTTPS on port 443, the
# CA store from SSL_CERT_FILE, status, Content-Type, size and time checks, the policy parse) is
# theirs, unchanged. Prints {"result": "VALID" | "FETCH_ERROR" | "NONE" | ..., "policy": {...}}.
import asyncio
import json
import socket
import sys

import aiohttp
import aiohttp.abc
from postfix_mta_sts_resolver import resolver as sts

domain, address, txt = sys.argv[1], sys.argv[2], sys.argv[3]


class PinnedResolver(aiohttp.abc.AbstractResolver):
    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{'hostname': host, 'host': address, 'port': port, 'family': socket.AF_INET, 'proto': 0, 'flags': 0}]

    async def close(self):
        pass


_session = aiohttp.ClientSession


def pinned_session(*args, **kwargs):
    kwargs['connector'] = aiohttp.TCPConnector(resolver=PinnedResolver())
    return _session(*args, **kwargs)


sts.aiohttp.ClientSession = pinned_session


class Txt:
    def __init__(self, text):
        self.text = text


async def main():
    r = sts.STSResolver(loop=asyncio.get_running_loop())

    async def query(name, rrtype):
        assert name == '_mta-sts.' + domain and rrtype == 'TXT', (name, rrtype)
        return [Txt(txt)]

    r._resolver.query = query
    result, payload = await r.resolve(domain)
    out = {'result': result.name}
    if payload is not None:
        out['id'], out['policy'] = payload
    print(json.dumps(out))


asyncio.run(main())
