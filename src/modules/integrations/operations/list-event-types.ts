// EVT-1: the events the API raises, with the resource each is about (also in the OpenAPI document's EventType).
import { eventTypeInfo } from '../../../platform/events.js';
import type { EventTypeList } from '../contract.js';

export function listEventTypes(): EventTypeList {
  return { items: eventTypeInfo() };
}
