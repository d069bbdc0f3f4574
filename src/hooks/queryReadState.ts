/**
 * What every single read (detail, facet, overview, actors, work-item targets)
 * reports, mapped once from the query library's result so each hook says the
 * same thing the same way: the data, `pending` until the first answer, the
 * error typed as an AdapterError, whether a newer answer is on its way.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { toAdapterError, type AdapterError } from '../core/errors';

export interface QueryReadState<T> {
  data: T | undefined;
  status: 'pending' | 'error' | 'success';
  error: AdapterError | null;
  /** A read is in flight (a newer query while the previous data shows, or a refetch). */
  isFetching: boolean;
  refetch: () => void;
}

export function queryReadState<T>(result: UseQueryResult<T>): QueryReadState<T> {
  return {
    data: result.data,
    status: result.status,
    error: result.error ? toAdapterError(result.error) : null,
    isFetching: result.isFetching,
    refetch: () => void result.refetch(),
  };
}
