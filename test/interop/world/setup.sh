#!/usr/bin/env bash
# Builds and starts the interop world inside the network namespace <netns>, with every file under
# <workdir>: certificates (openssl), keys and signed zones (ldns-signzone and dnssec-signzone), four
# nsd instances (root, TLD, second level, third level), an Unbound validating resolver whose only
# trust anchor is the private root's DS, and one Postfix master running eleven smtpd services on eleven
# loopback addresses with different certificates. Writes <workdir>/world.json for the tests.
#
# Every process started here records a pid file under <workdir>; teardown.sh stops exactly those
# (and any process left in the namespace, which only this script populates) and deletes the
# namespace. run.sh calls teardown.sh from an EXIT trap, so a failure here is cleaned up too.
#
# usage: setup.sh <workdir> <netns>
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${1:?workdir}
NS=${2:?netns}

# Bounds (named, as everywhere in this project).
readonly READY_POLLS=200          # polls of a starting server before giving up
readonly READY_POLL_INTERVAL=0.05 # seconds between two polls (so at most 10 s per server)
readonly CERT_DAYS=30
readonly RSA_BITS=2048

readonly RESOLVER_ADDR=127.53.53.53
declare -A SERVER_ADDR=([root]=127.53.0.1 [tld]=127.53.0.2 [leaf]=127.53.0.3 [sub]=127.53.0.4)
declare -A SERVER_NAME=([root]=a.rootns. [tld]=ns.nic.interop. [leaf]=ns1.nic.interop. [sub]=ns2.nic.interop.)
# smtpd services, one per address, each with its own certificate (see master.cf below)
readonly SMTP_ADDRS=(127.25.0.1 127.25.0.2 127.25.0.3 127.25.0.4 127.25.0.5 127.25.0.6 127.25.0.7 127.25.0.8 127.25.0.9)
# IPv6 smtpd services on ULAs of the namespace's loopback: fd00:25::1 the EC certificate of
# 127.25.0.1 (scenario dualstack), fd00:25::2 the RSA one of 127.25.0.2 (scenario dualstack-split)
readonly SMTP6_ADDRS=(fd00:25::1 fd00:25::2)
# Validity of the expired certificates (RFC 7672 §3.1.1: DANE-EE ignores it; DANE-TA: see scenarios).
readonly EXPIRED_FROM=20200101000000Z EXPIRED_UNTIL=20200201000000Z

log() { printf 'setup: %s\n' "$*" >&2; }
trap 'printf "setup: FAILED (exit %s) at line %s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR
die() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }
in_ns() { ip netns exec "$NS" "$@"; }

wait_until() { # description, command...
  local what=$1; shift
  local i
  for ((i = 0; i < READY_POLLS; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep "$READY_POLL_INTERVAL"
  done
  die "$what did not become ready"
}

mkdir -p "$W"/{certs,keys,zones,anchors,nsd,unbound,postfix,postfix-client,postfix-client-dual}
# Postfix drops privileges to its own user, which must reach its data directory under $W.
chmod 0755 "$W"
# Tools that write beside their input or into the working directory write under $W.
cd "$W"

# ---------------------------------------------------------------- namespace
log "network namespace $NS"
ip netns add "$NS"
echo "$NS" > "$W/netns"
ip -n "$NS" link set lo up
for a in "$RESOLVER_ADDR" "${SERVER_ADDR[@]}" "${SMTP_ADDRS[@]}"; do
  ip -n "$NS" addr add "$a/32" dev lo
done
# nodad: usable at once (duplicate address detection would keep it tentative for a while)
for a in "${SMTP6_ADDRS[@]}"; do
  ip -n "$NS" addr add "$a/128" dev lo nodad
done
# `ip netns exec` bind-mounts /etc/netns/<ns>/resolv.conf over /etc/resolv.conf: Postfix's
# posttls-finger (and our stub resolver's default) find the Unbound there.
[ -d /etc/netns ] || { mkdir /etc/netns; touch "$W/created-etc-netns"; }
mkdir -p "/etc/netns/$NS"
printf 'nameserver %s\noptions trust-ad edns0\n' "$RESOLVER_ADDR" > "/etc/netns/$NS/resolv.conf"

# ---------------------------------------------------------------- certificates
log "certificates"
C=$W/certs
spki_digest() { # cert, sha256|sha512 -> hex of the digest of the DER SubjectPublicKeyInfo
  openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER |
    openssl dgst "-$2" -r | cut -d' ' -f1
}
cert_digest() { # cert, sha256 -> hex of the digest of the DER certificate
  openssl x509 -in "$1" -outform DER | openssl dgst "-$2" -r | cut -d' ' -f1
}
self_signed() { # name, key algorithm options (one word, split on spaces), cn
  local keyopts; read -r -a keyopts <<<"$2"
  openssl req -x509 -new -nodes "${keyopts[@]}" -keyout "$C/$1.key" -out "$C/$1.crt" -days "$CERT_DAYS" \
    -subj "/CN=$3" -addext "subjectAltName=DNS:$3" 2>/dev/null
}
ca_leaf() { # name, cn/san
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$C/$1.key" \
    -out "$C/$1.csr" -subj "/CN=$2" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' "$2" > "$C/$1.ext"
  openssl x509 -req -in "$C/$1.csr" -CA "$C/ca.crt" -CAkey "$C/ca.key" -CAcreateserial \
    -days "$CERT_DAYS" -extfile "$C/$1.ext" -out "$C/$1.crt" 2>/dev/null
  cat "$C/$1.crt" "$C/ca.crt" > "$C/$1.chain"
}
expired() { # name, cn, signer (self or ca): a certificate valid only in January 2020
  local db=$C/ca-db
  mkdir -p "$db"; [ -f "$db/index.txt" ] || { : > "$db/index.txt"; echo 1000 > "$db/serial"; }
  # shellcheck disable=SC2016 # $dir is expanded by openssl, not by the shell
  printf '[ca]\ndefault_ca=dv\n[dv]\ndir=%s\ndatabase=$dir/index.txt\nnew_certs_dir=$dir\nserial=$dir/serial\ndefault_md=sha256\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n' "$db" > "$db/ca.cnf"
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$C/$1.key" \
    -out "$C/$1.csr" -subj "/CN=$2" 2>/dev/null
  printf 'subjectAltName=DNS:%s\n' "$2" > "$C/$1.ext"
  local sign=(-selfsign -keyfile "$C/$1.key")
  [ "$3" = ca ] && sign=(-cert "$C/ca.crt" -keyfile "$C/ca.key")
  openssl ca -batch -notext -config "$db/ca.cnf" "${sign[@]}" -in "$C/$1.csr" -startdate "$EXPIRED_FROM" \
    -enddate "$EXPIRED_UNTIL" -extfile "$C/$1.ext" -out "$C/$1.crt" 2>/dev/null
  if [ "$3" = ca ]; then cat "$C/$1.crt" "$C/ca.crt" > "$C/$1.chain"; else cp "$C/$1.crt" "$C/$1.chain"; fi
}
self_signed ec "-newkey ec -pkeyopt ec_paramgen_curve:P-256" mx.ee311.interop
self_signed rsa "-newkey rsa:$RSA_BITS" mx.ee312.interop
openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-384 -keyout "$C/ca.key" \
  -out "$C/ca.crt" -days "$CERT_DAYS" -subj "/CN=dane-verify interop private CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
ca_leaf ta mx.ta211.interop
ca_leaf ta-wrongname other.invalid
ca_leaf ta-cname mx.cname-ta.interop
ca_leaf ta-domain ta-domain.interop
cp "$C/ec.crt" "$C/ec.chain"; cp "$C/rsa.crt" "$C/rsa.chain"
expired ee-expired mx.ee-expired.interop self
expired ta-expired mx.ta-expired.interop ca

# Placeholder values for the zone sources.
declare -A VARS
VARS[EC_SPKI_SHA256]=$(spki_digest "$C/ec.crt" sha256)
VARS[EC_SPKI_SHA256_SHORT]=${VARS[EC_SPKI_SHA256]:0:62}
VARS[RSA_SPKI_SHA256]=$(spki_digest "$C/rsa.crt" sha256)
VARS[RSA_SPKI_SHA512]=$(spki_digest "$C/rsa.crt" sha512)
VARS[CA_SPKI_SHA256]=$(spki_digest "$C/ca.crt" sha256)
VARS[CA_CERT_SHA256]=$(cert_digest "$C/ca.crt" sha256)
VARS[EE_EXPIRED_SPKI_SHA256]=$(spki_digest "$C/ee-expired.crt" sha256)

# ---------------------------------------------------------------- zones
log "keys and signed zones"
Z=$W/zones
parent_of() { local z=$1; if [ "$z" = "." ]; then echo ""; return; fi
  z=${z#*.}; [ -z "$z" ] && z=.; echo "$z"; }
src_of() { if [ "$1" = "." ]; then echo "$HERE/zones/root.zone"; else echo "$HERE/zones/${1%.}.zone"; fi; }
file_of() { if [ "$1" = "." ]; then echo root; else echo "${1%.}"; fi; }

fill() { # template -> stdout, {{NAME}} replaced from VARS; an unknown placeholder is an error
  local text; text=$(cat "$1")
  local k
  for k in "${!VARS[@]}"; do text=${text//"{{$k}}"/${VARS[$k]}}; done
  if grep -q '{{' <<<"$text"; then die "unfilled placeholder in $1"; fi
  printf '%s\n' "$text"
}

keygen() { # signer alg zone dir [ksk] -> prints the key's base path
  local signer=$1 alg=$2 zone=$3 dir=$4 ksk=${5:-} bits=() base
  case $alg in RSASHA256) bits=(-b "$RSA_BITS") ;; esac
  if [ "$signer" = ldns ]; then
    base=$(cd "$dir" && ldns-keygen -a "$alg" "${bits[@]}" ${ksk:+-k} "$zone")
    rm -f "$dir/$base.ds"
  else
    base=$(dnssec-keygen -q -K "$dir" -a "$alg" "${bits[@]}" -n ZONE ${ksk:+-f KSK} "$zone")
  fi
  echo "$dir/$base"
}

ds_of() { # signer key-base -> DS line (SHA-256)
  if [ "$1" = ldns ]; then ldns-key2ds -n -2 "$2.key"; else dnssec-dsfromkey -2 "$2.key"; fi
}

sign_zone() { # zone signer alg denial break unsigned-file signed-file
  local zone=$1 signer=$2 alg=$3 denial=$4 brk=$5 in=$6 out=$7
  local kdir; kdir=$W/keys/$(file_of "$zone"); mkdir -p "$kdir"
  local ksk zsk; ksk=$(keygen "$signer" "$alg" "$zone" "$kdir" ksk); zsk=$(keygen "$signer" "$alg" "$zone" "$kdir")
  local args=()
  if [ "$signer" = ldns ]; then
    case $denial in
      nsec) ;;
      nsec3) args+=(-n -a 1 -t 0) ;;
      nsec3-optout) args+=(-n -a 1 -t 0 -p) ;;
      *) die "denial $denial" ;;
    esac
    [ "$brk" = expired ] && args+=(-i 20200101000000 -e 20200201000000)
    ldns-signzone "${args[@]}" -o "$zone" -f "$out" "$in" "$ksk" "$zsk" >/dev/null
  else
    case $denial in
      nsec) ;;
      nsec3) args+=(-3 c0ffee -H 5) ;;
      nsec3-optout) args+=(-3 c0ffee -H 5 -A) ;;
      *) die "denial $denial" ;;
    esac
    [ "$brk" = expired ] && args+=(-s 20200101000000 -e 20200201000000)
    cat "$in" "$ksk.key" "$zsk.key" > "$in.keys"
    dnssec-signzone -q -K "$kdir" -d "$kdir" "${args[@]}" -o "$zone" -f "$out" "$in.keys" "$ksk" "$zsk" >/dev/null
  fi
  if [ "$brk" = corrupt-tlsa-sig ]; then
    # RFC 4034 §3.1.8: change one base64 character of the signature field of each TLSA RRSIG.
    awk 'BEGIN { OFS = "\t" }
         $4 == "RRSIG" && $5 == "TLSA" { s = $NF; c = substr(s, 10, 1); r = (c == "A") ? "B" : "A";
           $NF = substr(s, 1, 9) r substr(s, 11); n++ }
         { print } END { if (n == 0) exit 3 }' "$out" > "$out.tmp" || die "no TLSA RRSIG in $zone"
    mv "$out.tmp" "$out"
  fi
  # The DS the parent publishes: the KSK's, or (ds-mismatch) that of a key the zone never saw.
  local dskey=$ksk
  if [ "$brk" = ds-mismatch ]; then dskey=$(keygen "$signer" "$alg" "$zone" "$kdir" ksk); fi
  ds_of "$signer" "$dskey" > "$kdir/parent.ds"
  echo "$ksk" > "$kdir/ksk"
}

declare -A ZONE_SERVER
ZONE_ORDER=()
while IFS='|' read -r zone server signer alg denial brk; do
  [ -z "$zone" ] && continue
  case $zone in \#*) continue ;; esac
  f=$(file_of "$zone")
  { fill "$(src_of "$zone")"; [ -f "$Z/$f.children" ] && cat "$Z/$f.children"; } > "$Z/$f.zone"
  if [ "$signer" = none ]; then
    cp "$Z/$f.zone" "$Z/$f.served"
  else
    sign_zone "$zone" "$signer" "$alg" "$denial" "$brk" "$Z/$f.zone" "$Z/$f.served"
  fi
  ZONE_SERVER[$zone]=$server
  ZONE_ORDER+=("$zone")
  p=$(parent_of "$zone")
  if [ -n "$p" ]; then
    pf=$(file_of "$p")
    printf '%s NS %s\n' "$zone" "${SERVER_NAME[$server]}" >> "$Z/$pf.children"
    if [ "$signer" != none ]; then cat "$W/keys/$f/parent.ds" >> "$Z/$pf.children"; fi
  fi
done < <(sed -e 's/[[:space:]]*|[[:space:]]*/|/g' -e 's/[[:space:]]*$//' "$HERE/zones.list")

# The trust anchor: the private root's KSK as a DS, in the forms Unbound, delv and we read.
root_ds=$(sed -n 's/^\.[[:space:]].*DS[[:space:]]\+//p' "$W/keys/root/parent.ds" | sed -n 1p)
[ -n "$root_ds" ] || die "no root DS"
printf '. IN DS %s\n' "$root_ds" > "$W/anchors/root.ds"
read -r tag alg dt digest <<<"$root_ds"
printf 'trust-anchors {\n  . static-ds %s %s %s "%s";\n};\n' "$tag" "$alg" "$dt" "$digest" > "$W/anchors/delv.conf"

# ---------------------------------------------------------------- nsd
start_nsd() { # server
  local s=$1 d=$W/nsd/$1
  mkdir -p "$d"
  {
    printf 'server:\n  ip-address: %s\n  port: 53\n  username: ""\n  chroot: ""\n' "${SERVER_ADDR[$s]}"
    printf '  database: ""\n  zonesdir: "%s"\n  pidfile: "%s/nsd.pid"\n' "$Z" "$d"
    printf '  xfrdfile: "%s/xfrd.state"\n  zonelistfile: "%s/zone.list"\n  xfrdir: "%s"\n' "$d" "$d" "$d"
    printf '  logfile: "%s/nsd.log"\n  server-count: 1\n  verbosity: 1\n  do-ip6: no\n' "$d"
    printf 'remote-control:\n  control-enable: no\n'
    local z
    for z in "${ZONE_ORDER[@]}"; do
      [ "${ZONE_SERVER[$z]}" = "$s" ] || continue
      printf 'zone:\n  name: "%s"\n  zonefile: "%s.served"\n' "$z" "$(file_of "$z")"
    done
  } > "$d/nsd.conf"
  nsd-checkconf "$d/nsd.conf" || die "nsd-checkconf $s"
  in_ns nsd -c "$d/nsd.conf" || die "nsd $s did not start (see $d/nsd.log)"
  wait_until "nsd $s" in_ns dig +norec +time=1 +tries=1 "@${SERVER_ADDR[$s]}" SOA "$(first_zone "$s")"
}
first_zone() { local z; for z in "${ZONE_ORDER[@]}"; do [ "${ZONE_SERVER[$z]}" = "$1" ] && { echo "$z"; return; }; done; }
log "nsd x4"
for s in root tld leaf sub; do start_nsd "$s"; done

# ---------------------------------------------------------------- unbound
log "unbound"
U=$W/unbound
printf '. 3600000 NS a.rootns.\na.rootns. 3600000 A %s\n' "${SERVER_ADDR[root]}" > "$U/root.hints"
cat > "$U/unbound.conf" <<EOF
server:
  interface: $RESOLVER_ADDR
  port: 53
  do-ip6: no
  do-not-query-localhost: no
  username: ""
  chroot: ""
  directory: "$U"
  pidfile: "$U/unbound.pid"
  logfile: "$U/unbound.log"
  use-syslog: no
  verbosity: 1
  val-log-level: 2
  num-threads: 1
  access-control: 127.0.0.0/8 allow
  module-config: "validator iterator"
  root-hints: "$U/root.hints"
  trust-anchor-file: "$W/anchors/root.ds"
  aggressive-nsec: no
  ede: yes
  qname-minimisation: yes
# A local control socket (no certificates), so that the timing tests can empty the caches
# between runs (unbound-control flush_zone . / flush_infra all: a cold Unbound).
remote-control:
  control-enable: yes
  control-interface: $U/control.sock
EOF
unbound-checkconf "$U/unbound.conf" >/dev/null || die "unbound-checkconf"
in_ns unbound -c "$U/unbound.conf" || die "unbound did not start (see $U/unbound.log)"
wait_until "unbound" in_ns dig +time=1 +tries=1 "@$RESOLVER_ADDR" SOA .

# ---------------------------------------------------------------- postfix
log "postfix"
P=$W/postfix
mkdir -p "$P/conf" "$P/spool" "$P/data"
chown postfix "$P/data"
cat > "$P/conf/main.cf" <<EOF
# Postfix for the interop world: the smtpd services of master.cf (master.cf), nothing is ever delivered.
compatibility_level = 3.6
queue_directory = $P/spool
data_directory = $P/data
mail_owner = postfix
setgid_group = postdrop
myhostname = smtp.interop.invalid
mydestination =
relay_domains =
inet_interfaces = all
inet_protocols = all
maillog_file = $P/maillog
maillog_file_prefixes = $W
smtpd_peername_lookup = no
alias_maps =
alias_database =
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_chain_files = $C/ec.key, $C/ec.chain
smtpd_relay_restrictions = reject
EOF
{
  printf '# service type private unpriv chroot wakeup maxproc command\n'
  i=0
  for a in "${SMTP_ADDRS[@]}"; do
    i=$((i + 1))
    case $a in
      127.25.0.1) o="-o smtpd_tls_chain_files=$C/ec.key,$C/ec.chain" ;;
      127.25.0.2) o="-o smtpd_tls_chain_files=$C/rsa.key,$C/rsa.chain" ;;
      127.25.0.3) o="-o smtpd_tls_chain_files=$C/ta.key,$C/ta.chain" ;;
      127.25.0.4) o="-o smtpd_tls_security_level=none" ;;
      127.25.0.5) o="-o smtpd_tls_chain_files=$C/ta-wrongname.key,$C/ta-wrongname.chain" ;;
      127.25.0.6) o="-o smtpd_tls_chain_files=$C/ee-expired.key,$C/ee-expired.chain" ;;
      127.25.0.7) o="-o smtpd_tls_chain_files=$C/ta-expired.key,$C/ta-expired.chain" ;;
      127.25.0.8) o="-o smtpd_tls_chain_files=$C/ta-cname.key,$C/ta-cname.chain" ;;
      127.25.0.9) o="-o smtpd_tls_chain_files=$C/ta-domain.key,$C/ta-domain.chain" ;;
    esac
    printf '%s:25 inet n - n - - smtpd %s\n' "$a" "$o"
  done
  for a in "${SMTP6_ADDRS[@]}"; do
    case $a in
      fd00:25::1) k=ec ;;
      fd00:25::2) k=rsa ;;
    esac
    printf '[%s]:25 inet n - n - - smtpd -o smtpd_tls_chain_files=%s/%s.key,%s/%s.chain\n' "$a" "$C" "$k" "$C" "$k"
  done
  cat <<'EOF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
} > "$P/conf/master.cf"
in_ns postfix -c "$P/conf" check || die "postfix check"
in_ns postfix -c "$P/conf" start || die "postfix did not start (see $P/maillog)"
for a in "${SMTP_ADDRS[@]}" "${SMTP6_ADDRS[@]}"; do
  wait_until "smtpd on $a" in_ns bash -c "exec 3<>/dev/tcp/$a/25 && read -r -t 2 greeting <&3 && [[ \$greeting == 220* ]]"
done

# posttls-finger's own configuration directory (it reads main.cf through MAIL_CONFIG).
cat > "$W/postfix-client/main.cf" <<EOF
compatibility_level = 3.6
inet_protocols = ipv4
smtp_dns_support_level = dnssec
smtp_host_lookup = dns
EOF
# A dual-stack client (A and AAAA; posttls-finger -a picks the preferred family) for IPv6 probes.
sed 's/^inet_protocols = ipv4$/inet_protocols = all/' "$W/postfix-client/main.cf" > "$W/postfix-client-dual/main.cf"
grep -q '^inet_protocols = all$' "$W/postfix-client-dual/main.cf" || die "dual-stack client main.cf"

# ---------------------------------------------------------------- world.json
v_nsd=$(nsd -v 2>&1 | sed -n 1p | sed 's/^NSD version //')
v_unbound=$(unbound -V | sed -n 1p | sed 's/^Version //')
v_postfix=$(postconf -h -d mail_version)
v_delv=$(delv -v 2>&1 | sed 's/^delv //')
v_ldns=$(ldns-signzone -v 2>&1 | sed 's/.*(ldns version \(.*\))/\1/')
v_bind=$(dnssec-signzone -V 2>&1 | sed -n 1p | sed 's/^dnssec-signzone //')
v_openssl=$(openssl version | cut -d' ' -f2)
cat > "$W/world.json" <<EOF
{
  "netns": "$NS",
  "workdir": "$W",
  "resolver": "$RESOLVER_ADDR",
  "trustAnchorDs": "$W/anchors/root.ds",
  "delvAnchors": "$W/anchors/delv.conf",
  "postfixClientConfig": "$W/postfix-client",
  "postfixClientConfigDual": "$W/postfix-client-dual",
  "unboundConfig": "$U/unbound.conf",
  "certs": "$C",
  "versions": {
    "nsd": "$v_nsd",
    "unbound": "$v_unbound",
    "postfix": "$v_postfix",
    "delv": "$v_delv",
    "ldns": "$v_ldns",
    "dnssec-signzone": "$v_bind",
    "openssl": "$v_openssl"
  }
}
EOF
log "ready: $W/world.json"
