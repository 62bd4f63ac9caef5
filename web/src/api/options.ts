import type { UseMutationOptions } from '@tanstack/react-query';

/** What a page may add to an area's mutation hook (callbacks); the request itself belongs to the hook. */
export type MutationOptions<TData, TVariables = void> = Omit<UseMutationOptions<TData, Error, TVariables>, 'mutationFn'>;
