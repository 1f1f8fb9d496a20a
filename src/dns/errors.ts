/**
 * The one error type that the DNS data layer throws. Malformed input of any kind (text, wire,
 * names) surfaces as a `DnsFormatError` whose `code` says which class of fault and whose
 * `field` names the field that was being read, so callers never see a bare `RangeError` or
 * `TypeError` from deep inside a decoder.
 */
export type DnsFormatErrorCode =
  | 'name-syntax' // bad escape, empty label, stray character in a presentation-form name
  | 'label-too-long' // a label over 63 octets (RFC 1035 §2.3.4)
  | 'name-too-long' // a name over 255 octets in wire form (RFC 1035 §2.3.4)
  | 'truncated' // the input ended inside a field
  | 'pointer-loop' // compression pointers that do not strictly move backwards
  | 'bad-pointer' // a compression pointer where none is allowed, or past the message
  | 'bad-label-type' // label types 0x40 / 0x80 (RFC 6891 §5 deprecates extended labels)
  | 'bad-base64'
  | 'bad-hex'
  | 'bad-base32'
  | 'field-count' // too few or too many fields in presentation form
  | 'bad-field' // a field whose value is out of range or of the wrong shape
  | 'rdata-length' // RDLENGTH disagrees with what the type's fields occupy
  | 'trailing-data'; // bytes left over after a message or RDATA

export class DnsFormatError extends Error {
  override readonly name = 'DnsFormatError';
  constructor(
    readonly code: DnsFormatErrorCode,
    message: string,
    /** The field being read when the fault was found, e.g. `'RRSIG.signerName'`. */
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
  }
}
