/**
 * Typed construction of records for the test world, over the data layer's `createRR`.
 */
import type { Name } from '../../dns/name.ts';
import type { KnownType, RDataByType, RecordOf } from '../../dns/record.ts';
import { createRR } from '../../dns/rdata/index.ts';

/** A class IN record of a known type from structured data (RDATA computed by the data layer). */
export function makeRR<T extends KnownType>(name: Name, type: T, ttl: number, data: RDataByType[T]): RecordOf<T> {
  return createRR({ name, type, ttl, data }) as RecordOf<T>;
}
