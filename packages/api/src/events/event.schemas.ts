import { z } from 'zod';
import { pageQuery } from '../pagination/page';
import { identifier } from '../validation/common-schemas';
import { EVENT_TYPES } from './event-type';

export const listEventsQuery = z.strictObject({
  ...pageQuery,
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }).optional(),
});

export const redeliverEventBody = z.strictObject({ endpointId: identifier });

export type ListEventsQuery = z.infer<typeof listEventsQuery>;
export type RedeliverEventBody = z.infer<typeof redeliverEventBody>;
