/** The CLI's help text and its exit codes: one place, so docs/cli.md and --help agree. */

/**
 * Exit codes of `dane-verify <domain>` (and, with the same meaning, of the other commands):
 * 0 every MX host authenticated (resolve: secure), 1 DANE failed or a lookup was bogus,
 * 2 no DANE applies (resolve: insecure), 3 a temporary error (resolve: indeterminate), 64 usage error.
 */
export const ExitCode = { OK: 0, FAILED: 1, NO_DANE: 2, TEMPORARY: 3, USAGE: 64 } as const;

export const USAGE = `Usage:
  dane-verify <domain> [options]            check a domain's MX hosts under DANE (RFC 7672)
  dane-verify --host <mx-host> [options]    check one mail server
  dane-verify resolve <name> <type> [-v]    validated DNS lookup, like delv
  dane-verify tlsa --cert <pem> [--host h] [--usage 3 --selector 1 --mtype 1] [--json]
                                            print the TLSA record for a certificate
  dane-verify rollover <host> --next <pem>  check that published TLSA matches the current and next key
  dane-verify demo [--serve]                run the checks against a built-in local test world
                                            (--serve: keep it up to try commands by hand)
  dane-verify vectors [--kind K] [--json]   run the shipped conformance vectors against this install
  dane-verify report <results.jsonl> --org <name> --contact <addr> [--out <dir>]
                                            TLS-RPT aggregate reports (RFC 8460) from delivery attempts
  dane-verify scan [FILE|-] [--out FILE] [--resume]
                                            check every domain of a list, one JSON line each
                                            (see dane-verify scan --help, docs/scan.md)
  dane-verify worker --queue redis://HOST:PORT/DB
                                            check the domains of a distributed scan (--queue)

Options:
  --json                    machine-readable output (schema: docs/cli.md)
  --resolver addr[:port]    recursive resolver to ask (repeatable; default: /etc/resolv.conf);
                            IPv6 as [addr]:port
  --trust-anchor <file>     DS/DNSKEY lines or root-anchors.xml (default: bundled IANA root anchors)
  --port <n>                SMTP port (default 25)
  --timeout <ms>            per-step timeout (default 10000)
  --deadline <ms>           time the whole check may take (default 120000); past it the
                            hosts not yet decided are a temporary failure (exit 3)
  --no-connect              DNS policy only, no SMTP connection
  --min-tls <version>       lowest TLS version accepted (default TLSv1.2)
  --require-dane            fail hosts without DANE (TLS-RPT dane-required) instead of "none"
  --mta-sts-ca <file>       PEM CA certificates for the MTA-STS policy fetch (default: node's CA store)
  --mta-sts-port <n>        HTTPS port of mta-sts.<domain> (default 443)
  -v, --verbose             show the chain of trust and the SMTP transcript
  --graph <file.svg|.dot>   also draw the chain of trust (domain check, resolve)
  -h, --help                this text
  -V, --version             the version of dane-verify

Exit codes: 0 authenticated (resolve: secure), 1 DANE failed or bogus, 2 no DANE applies
(resolve: insecure), 3 temporary failure (resolve: indeterminate), 64 usage error.
`;
